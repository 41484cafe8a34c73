-- expect: protocol_unknown.lua:4: scenario: field 'protocol' must be one of mediated, equilibrium, alternating, ultimatum, eum
issue "share" {}
party "A" { salience = { share = 1 } }
return scenario { name = "x", protocol = "auction" }
