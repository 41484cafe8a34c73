-- expect: dist_nan.lua:3: bad argument #1 to 'normal' \(must be a finite number\)
issue "share" {}
party "A" { capability = normal(0/0, 1), salience = { share = 1 } }
return scenario { name = "x" }
