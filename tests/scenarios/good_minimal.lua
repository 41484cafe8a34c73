-- A small valid scenario the bad ones below are variations of.
issue "share" { no_deal = 0.5 }
party "A" { ideal = { share = 1 }, salience = { share = 1 }, war_cost = 0.01, deadline = 10 }
party "B" { ideal = { share = 0 }, salience = { share = 1 }, war_cost = 0.01, deadline = 10 }
return scenario { name = "minimal", rounds = 10 }
