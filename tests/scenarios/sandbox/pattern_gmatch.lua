-- expect: pattern_gmatch.lua:[0-9]+: the script ran past its time budget of 2\.0 seconds
for x in string.gmatch(string.rep("a", 3000), string.rep("a-", 10) .. "b") do end
