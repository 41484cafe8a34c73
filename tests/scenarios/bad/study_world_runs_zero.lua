-- expect: peacesim.sweep: world_runs must be a whole number from 1 to 1e9
issue "share" { no_deal = 0.5 }
party "A" { ideal = { share = 1 }, salience = { share = 1 }, war_cost = 0.01 }
party "B" { ideal = { share = 0 }, salience = { share = 1 }, war_cost = 0.01 }
local s = scenario { name = "minimal", rounds = 10 }
peacesim.sweep(s, { vary = { x = { 1 } }, runs = 10, world_runs = 0 })
