-- expect: loop.lua:2: the script ran past its time budget of 2.0 seconds
while true do end
