-- expect: error_object_loop.lua:5: the script raised an error value of type table$
-- An error object whose __tostring raises the object again: no endless handling, no
-- "C stack overflow": the place it was raised and its type.
local e = setmetatable({}, { __tostring = function(self) error(self) end })
error(e)
