-- expect: ideal_metatable.lua:3: party 'A': field 'ideal' is a table with a metatable
issue "land" {}
party "A" { ideal = setmetatable({}, { __index = function() return 0.7 end }), salience = { land = 1 } }
return scenario { name = "x" }
