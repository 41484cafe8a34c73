-- expect: effects_metatable.lua:4: event 'e': field 'effects' is a table with a metatable
issue "land" {}
party "A" { ideal = { land = 0.2 }, salience = { land = 1 } }
event "e" { chance = 0.1, effects = setmetatable({}, { __len = function() return 1 end, __index = function() return { front = 0.1 } end }) }
return scenario { name = "x" }
