-- expect: peacesim.compare: central must be true or false
issue "share" { no_deal = 0.5 }
party "A" { ideal = { share = 1 }, salience = { share = 1 }, war_cost = 0.01 }
party "B" { ideal = { share = 0 }, salience = { share = 1 }, war_cost = 0.01 }
local s = scenario { name = "minimal", rounds = 10 }
peacesim.compare(s, s, { runs = 10, central = "yes" })
