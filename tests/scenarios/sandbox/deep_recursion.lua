-- expect: deep_recursion.lua:3: stack overflow
-- args: --lua-seconds 60
local function f(n) return 1 + f(n + 1) end
f(1)
