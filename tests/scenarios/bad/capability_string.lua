-- expect: capability_string.lua:3: party 'A': field 'capability' must be a number, a distribution or an assumption, got string
issue "share" {}
party "A" { capability = "strong", salience = { share = 1 } }
return scenario { name = "x" }
