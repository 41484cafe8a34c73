-- expect: equilibrium_three.lua:6: scenario: issue 'share': protocol 'equilibrium' is between two parties: its consent must name exactly two
issue "share" {}
party "A" { ideal = { share = 1 }, salience = { share = 1 } }
party "B" { ideal = { share = 0 }, salience = { share = 1 } }
party "C" { ideal = { share = 0.5 }, salience = { share = 1 } }
return scenario { name = "x", protocol = "equilibrium" }
