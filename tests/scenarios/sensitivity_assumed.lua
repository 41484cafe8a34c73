-- Two assumptions and two distributions, none in the script's own arithmetic (a world sets the
-- fields): the noise moves the deal, party A's war cost moves it too; the chance of an event
-- that can never happen (round 1000 of 12) cannot move anything.
local noise = assumed(12, 6, 24, "how erratic a yes/no is")
local cost = param("a_war_cost", uniform(0.001, 0.021), "A's war cost per round")
issue "share" { no_deal = 0.5, freezes_front = true }
party "A" { ideal = { share = 1 }, salience = { share = 1 }, war_cost = cost, noise = noise, deadline = 12 }
party "B" { ideal = { share = 0 }, salience = { share = 1 }, noise = noise, deadline = 12,
            war_cost = assumed(0.01, 0.005, 0.02, "B's war cost per round", { name = "B war cost" }) }
event "never" { chance = uniform(0.2, 0.8), when = { after = 1000 }, effects = { front = 0.1 } }
return scenario { name = "sensitivity with assumptions", rounds = 12 }
