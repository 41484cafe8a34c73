-- expect: pattern_in_pcall.lua:[0-9]+: the script ran past its time budget of 2\.0 seconds
local ok = pcall(string.find, string.rep("a", 3000), string.rep("a-", 10) .. "b")
return ok   -- pcall cannot catch the budget and carry on
