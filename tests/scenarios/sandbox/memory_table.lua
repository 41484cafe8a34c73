-- expect: memory_table.lua(:[0-9]+)?: the script used more than its memory budget of 64 MiB
-- args: --lua-seconds 120
local t = {}
for i = 1, 1e9 do t[i] = i end
