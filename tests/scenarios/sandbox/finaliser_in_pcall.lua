-- expect: finaliser_in_pcall.lua:4: setmetatable: a metatable with __gc \(a finaliser\) is not allowed
-- The refusal is an error like any other: caught, it still leaves no finaliser behind.
local ok = pcall(setmetatable, {}, { __gc = function() while true do end end })
assert(not ok) setmetatable({}, { __gc = print })
