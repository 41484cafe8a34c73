-- Patience as power: who can afford to wait gets the better deal.
--
-- What it teaches: two neighbours, West and East, contest a river valley while a low-level war
-- goes on. Neither is stronger. What differs is what a week without a deal costs each: East's
-- towns are shelled, West's are not. The party for whom waiting is cheap has the better walk-away
-- value, so the mediator's fair text (the Nash bargaining solution) leans its way, and it can hold
-- out for it. Raise East's cost of waiting and watch the terms move towards West; equalise the
-- costs and the valley is split down the middle.
--
--   peacesim run scenarios/classroom/patience.lua
--   peacesim sweep scenarios/classroom/patience.lua --vary east_cost=0.002,0.006,0.012,0.02 --runs 20000
--   peacesim play scenarios/classroom/patience.lua --as East
local west_cost = param("west_cost", 0.004, "utility West loses per week without a deal (0 to 1)")
local east_cost = param("east_cost", 0.025, "utility East loses per week without a deal (0 to 1)")

issue "valley" {
  doc = "Who administers the river valley: 0 all of it West's, 1 all of it East's.",
  low = "all to West", high = "all to East",
  no_deal = 0.5,        -- without a deal the valley stays divided along the front
  lag = 1,
  freezes_front = true, -- a deal on the valley ends the shelling
}

party "West" {
  doc = "A state whose towns lie out of range: the war costs it little each week.",
  capability = 1.0,
  war_cost = west_cost,
  patience = 0.9,       -- weighs about nine weeks ahead
  ideal = { valley = 0 }, salience = { valley = 1 },
  concession = { tactic = "poly", e = 2, k = 0 },     -- gives ground steadily, faster early
  deadline = 30,        -- the session's 30 weeks: both sides know when the talks end
  noise = 40, trust = 0.6,
}

party "East" {
  doc = "A state whose border towns are shelled every week: the war costs it dearly.",
  capability = 1.0,
  war_cost = east_cost,
  patience = 0.9,
  ideal = { valley = 1 }, salience = { valley = 1 },
  concession = { tactic = "poly", e = 2, k = 0 },     -- the same tactic as West: only the costs differ
  deadline = 30,        -- as West
  noise = 40, trust = 0.6,
}

party "Mediator" {
  role = "mediator",
  doc = "A neutral envoy who proposes the fair split each week.",
  ideal = { valley = 0.5 }, salience = { valley = 0 },
}

return scenario {
  name = "Patience as power: the river valley",
  doc = "Two neighbours of equal strength contest a river valley; a week of war costs East six times what it costs West.",
  rounds = 30, weights = "equal",
}
