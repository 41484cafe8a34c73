-- expect: ideal_neg_inf.lua:3: party 'A': field 'ideal.share' must be a finite number, got -inf
issue "share" {}
party "A" { ideal = { share = -1/0 }, salience = { share = 1 } }
return scenario { name = "x" }
