-- expect: sweep_not_loaded.lua:7: peacesim.sweep: the scenario must come from peacesim.load \(or give its file name\)
issue "share" { no_deal = 0.5 }
party "A" { ideal = { share = 1 }, salience = { share = 1 } }
party "B" { ideal = { share = 0 }, salience = { share = 1 } }
local s = scenario { name = "inline", rounds = 5 }
-- a scenario built here cannot be rebuilt with other params
peacesim.sweep(s, { vary = { x = { 1, 2 } } })
return s
