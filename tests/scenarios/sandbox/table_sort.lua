-- expect: table_sort.lua:[0-9]+: the script ran past its time budget of 2\.0 seconds
-- C metamethods: nothing is stored, no Lua instruction runs inside the sort
local t = setmetatable({}, {__len = function() return 2^31 - 2 end, __index = rawlen, __newindex = rawequal})
table.sort(t)
