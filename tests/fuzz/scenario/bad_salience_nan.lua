-- expect: salience_nan.lua:3: party 'A': field 'salience.share' must be a finite number, got NaN
issue "share" {}
party "A" { salience = { share = 0/0 } }
return scenario { name = "x" }
