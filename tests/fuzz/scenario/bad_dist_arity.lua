-- expect: dist_arity.lua:3: normal takes 2 numbers, got 1 argument$
issue "share" {}
party "A" { capability = normal(0.5), salience = { share = 1 } }
return scenario { name = "x" }
