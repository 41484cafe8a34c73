-- expect: nested_coroutines.lua:5: deep down$
-- An error raised 150 coroutines deep reaches the user once, not with a place per level.
local function dive(n)
  if n == 0 then
    error("deep down")
  end
  return coroutine.wrap(function() return dive(n - 1) end)()
end
dive(150)
