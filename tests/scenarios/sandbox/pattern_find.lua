-- expect: pattern_find.lua:[0-9]+: the script ran past its time budget of 2\.0 seconds
local s = string.rep("a", 3000)
return s:find(string.rep("(.-)", 8) .. "x")   -- backtracking: about 3000^8 steps
