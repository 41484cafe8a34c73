-- expect: bad_rounds.lua:4: scenario: field 'rounds' must be a whole number from 1 to 10000
issue "share" {}
party "A" { ideal = { share = 1 }, salience = { share = 1 } }
return scenario { name = "x", rounds = 0 }
