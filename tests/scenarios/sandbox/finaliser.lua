-- expect: finaliser.lua:3: setmetatable: a metatable with __gc \(a finaliser\) is not allowed
-- Lua runs finalisers with hooks off, inside lua_close too: one that loops would hang for good.
setmetatable({}, { __gc = function() while true do end end })
