-- expect: loop_in_pcall.lua:[0-9]+: the script ran past its time budget
while true do pcall(function() while true do end end) end
