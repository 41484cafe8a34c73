-- expect: rep_empty.lua:[0-9]+: the script ran past its time budget of 2\.0 seconds
local n = 0
while true do n = n + #string.rep("", math.maxinteger) end   -- Lua loops 2^63 times in one call
