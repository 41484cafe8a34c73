-- expect: loop_in_callback.lua:[0-9]+: the script ran past its time budget
local t = setmetatable({}, { __index = function() while true do end end })
return t.x
