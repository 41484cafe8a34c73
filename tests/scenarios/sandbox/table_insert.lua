-- expect: table_insert.lua:[0-9]+: the script ran past its time budget of 2\.0 seconds
local t = setmetatable({}, {__len = function() return 2^50 end})
table.insert(t, 1, 0)
