-- expect: assumed_rounds.lua:5: scenario: field 'rounds' takes a whole number, not an assumption
issue "share" {}
party "A" { salience = { share = 1 } }
party "B" { salience = { share = 1 } }
return scenario { name = "rounds assumed", rounds = assumed(26, 13, 52, "how long we watch is ours to choose") }
