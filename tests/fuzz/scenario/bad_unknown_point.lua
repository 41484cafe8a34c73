-- expect: unknown_point.lua:3: party 'A': field 'ideal.land': issue 'land' has no point or option named 'nowhere'
issue "land" { points = { border = 0.3 } }
party "A" { ideal = { land = "nowhere" }, salience = { land = 1 } }
return scenario { name = "x" }
