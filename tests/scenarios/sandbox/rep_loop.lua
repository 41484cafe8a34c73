-- expect: rep_loop.lua:[0-9]+: the script ran past its time budget of 2\.0 seconds
for i = 1, 1e9 do local s = string.rep("ab", 2^20) end   -- 2 MB a call, few instructions
