-- expect: deadline_nan.lua:3: party 'A': field 'deadline' must be a finite number, got NaN
issue "share" {}
party "A" { deadline = 0/0, salience = { share = 1 } }
return scenario { name = "x" }
