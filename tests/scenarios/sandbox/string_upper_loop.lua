-- expect: string_upper_loop.lua:[0-9]+: the script ran past its time budget of 2\.0 seconds
local s = string.rep("x", 2^23)
for i = 1, 1e6 do s:upper() end
