-- expect: points_index_1e308.lua:4: issue 'land': field 'points' is a table with a metatable: give its entries as they are
-- The points were checked by one walk (lua_next, which sees no entry here) and read by another
-- (which asked __index and got 1e308 for any name): now they are read once, raw.
issue "land" { points = setmetatable({}, { __index = function() return 1e308 end }), no_deal = "far" }
party "A" { ideal = { land = "far" }, salience = { land = 1 } }
return scenario { name = "x" }
