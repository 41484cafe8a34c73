-- expect: assumed_out_of_range.lua:5: party 'A': field 'trust' must be between 0 and 1, but its assumption ranges over \[0.1, 1.2\]
issue "share" {}
party "B" { salience = { share = 1 } }
local trust = assumed(0.5, 0.1, 1.2, "a range past the scale")
party "A" { trust = trust, salience = { share = 1 } }
return scenario { name = "out of range" }
