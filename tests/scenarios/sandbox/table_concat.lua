-- expect: table_concat.lua:[0-9]+: the script ran past its time budget of 2\.0 seconds
return table.concat(setmetatable({}, {__index = rawlen}), "", 1, 2^40)
