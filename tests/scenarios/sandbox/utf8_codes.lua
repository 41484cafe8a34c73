-- expect: utf8_codes.lua:[0-9]+: the script ran past its time budget of 2\.0 seconds
local s = "a" .. string.rep("\x80", 2^23)   -- a run of continuation bytes, skipped in one step
local step = utf8.codes(s)
for i = 1, 1e9 do step(s, 1) end
