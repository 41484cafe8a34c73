-- expect: capability_negative.lua:3: party 'A': field 'capability' must be between 1e-09 and 1e\+09, got -2
issue "share" {}
party "A" { capability = -2, salience = { share = 1 } }
return scenario { name = "x" }
