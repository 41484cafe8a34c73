-- expect: points_nan.lua:2: issue 'land': field 'points': point 'far' must be a position between 0 and 1, got NaN
issue "land" { points = { far = 0/0 }, no_deal = "far" }
party "A" { ideal = { land = 0.2 }, salience = { land = 1 } }
return scenario { name = "x" }
