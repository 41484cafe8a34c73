-- expect: too_many_rounds.lua:4: scenario: field 'rounds' must be a whole number from 1 to 10000
issue "share" {}
party "A" { salience = { share = 1 } }
return scenario { name = "x", rounds = 10001 }
