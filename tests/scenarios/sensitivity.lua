-- Two uncertain numbers: party A's war cost moves the deal; the chance of an event that can never
-- happen (its condition needs round 1000 of 12) cannot move anything, so its swing is exactly 0.
local cost = param("a_war_cost", uniform(0.001, 0.021), "A's war cost per round")
issue "share" { no_deal = 0.5, freezes_front = true }
party "A" { ideal = { share = 1 }, salience = { share = 1 }, war_cost = cost, noise = 12, deadline = 12 }
party "B" { ideal = { share = 0 }, salience = { share = 1 }, war_cost = 0.01, noise = 12, deadline = 12 }
event "never" { chance = uniform(0.2, 0.8), when = { after = 1000 }, effects = { front = 0.1 } }
return scenario { name = "sensitivity test", rounds = 12 }
