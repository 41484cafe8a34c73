-- expect: error_object_tostring.lua:4: my own error object$
-- An error object with a __tostring that works: its text, at the place it was raised.
local e = setmetatable({}, { __tostring = function() return "my own error object" end })
error(e)
