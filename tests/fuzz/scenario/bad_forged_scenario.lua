-- expect: forged_scenario.lua:3: bad argument #1 to 'setmetatable' \(cannot change a protected metatable\)|forged_scenario.lua:3: bad argument #2 to 'setmetatable'
local real = scenario { name = "x" }
return setmetatable({ spec = 5 }, getmetatable(real))
