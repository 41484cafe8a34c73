-- expect: table_unpack.lua:[0-9]+: the script ran past its time budget of 2\.0 seconds
local t = {}
for i = 1, 100 do t[i] = i end
while true do table.unpack(t, 1, 999000) end
