-- expect: pattern_gsub.lua:[0-9]+: the script ran past its time budget of 2\.0 seconds
return string.gsub(string.rep("a", 3000), string.rep("(a*)", 8) .. "b", "")
