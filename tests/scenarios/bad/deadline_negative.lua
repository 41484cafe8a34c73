-- expect: deadline_negative.lua:4: party 'B': field 'deadline' must be between 1 and 1e\+06, got -3
issue "share" {}
party "A" { deadline = 10, salience = { share = 1 } }
party "B" { deadline = -3, salience = { share = 1 } }
return scenario { name = "x" }
