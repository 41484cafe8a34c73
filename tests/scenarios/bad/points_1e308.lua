-- expect: points_1e308.lua:2: issue 'land': field 'points': point 'far' must be a position between 0 and 1, got 1e\+308
issue "land" { points = { border = 0.3, far = 1e308 } }
party "A" { ideal = { land = "far" }, salience = { land = 1 } }
return scenario { name = "x" }
