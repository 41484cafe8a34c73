-- Two distributions in one list of effects: each is named by its entry, so that the ranking and the
-- charts cannot mix them up (the first moves the deal; the second barely matters).
issue "share" { no_deal = 0.5, freezes_front = true }
party "A" { ideal = { share = 1 }, salience = { share = 1 }, war_cost = 0.01, noise = 12, deadline = 12 }
party "B" { ideal = { share = 0 }, salience = { share = 1 }, war_cost = 0.01, noise = 12, deadline = 12 }
event "shock" { chance = 0.5, effects = {
  { war_cost = uniform(0, 0.05), party = "A" },     -- moves the deal
  { war_cost = uniform(0, 0.0001), party = "B" } } } -- barely matters
return scenario { name = "dup labels", rounds = 12 }
