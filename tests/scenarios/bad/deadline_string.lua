-- expect: deadline_string.lua:3: party 'A': field 'deadline' must be a number, a distribution or an assumption, got string
issue "share" {}
party "A" { deadline = "soon", salience = { share = 1 } }
return scenario { name = "x" }
