-- expect: pattern_balance.lua:[0-9]+: the script ran past its (time )?budget
return string.rep("(", 1e6):find("%b()")   -- each start scans to the end
