-- expect: pattern_match.lua:[0-9]+: the script ran past its time budget of 2\.0 seconds
return string.match(string.rep("a", 3000), string.rep("a*", 12) .. "b")
