-- expect: tonumber_loop.lua:[0-9]+: the script ran past its time budget of 2\.0 seconds
local s = string.rep("7", 2^23)
for i = 1, 1e9 do tonumber(s) end
