-- expect: deadline_zero.lua:3: party 'A': field 'deadline' must be between 1 and 1e\+06, got 0
issue "share" {}
party "A" { deadline = 0, salience = { share = 1 } }
return scenario { name = "x" }
