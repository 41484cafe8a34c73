-- expect: concat_big.lua:5: the script ran past its time budget of 2.0 seconds
-- One `..` of a 4 MiB string is one VM instruction of milliseconds: the clock is read at every
-- hook step (1,000 instructions), so the budget holds within a step of such work.
local s = string.rep("x", 4 * 1024 * 1024)
while true do local t = s .. "y" end
