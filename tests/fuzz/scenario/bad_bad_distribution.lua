-- expect: bad_distribution.lua:3: normal: the standard deviation must be > 0
issue "share" {}
party "A" { capability = normal(1, -0.5), salience = { share = 1 } }
return scenario { name = "x" }
