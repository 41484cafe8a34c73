-- expect: string_arith_loop.lua:[0-9]+: the script ran past its time budget of 2\.0 seconds
local s = string.rep(" ", 2^23) .. "1"   -- the strings metatable turns it into a number
for i = 1, 1e9 do local x = s + 0 end
