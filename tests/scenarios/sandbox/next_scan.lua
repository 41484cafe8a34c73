-- expect: next_scan.lua:7: the script ran past its time budget of 2.0 seconds
-- One next() on a table of two million emptied slots scans them all in C, in one call: the
-- clock read at every hook step holds the budget all the same.
local t = {}
for i = 1, 2^21 do t[i] = true end
for i = 1, 2^21 do t[i] = nil end
while true do local k = next(t) end
