-- Sanctions and the cost of war: a bargaining range that moves over time.
--
-- What it teaches: a deal is possible for any split both prefer to going on fighting: between
-- what the war is worth to each (their walk-away values), a range of possible agreements. Each
-- week of war costs both, and each text Rusland refuses brings a new sanctions package, which
-- makes Rusland's war costlier still. Rusland's walk-away value falls week by week, the range
-- slides towards Ostria, and so does the mediator's fair text in it. Whoever waits for the range
-- to move pays for the weeks of war meanwhile. Turn the sanctions off (`--set sanctions_step=0`):
-- the range stays where it was, a deal comes in few runs, and when it does it lands nearer
-- Rusland's terms.
--
--   peacesim run scenarios/classroom/pressure.lua
--   peacesim sweep scenarios/classroom/pressure.lua --vary sanctions_step=0,0.05,0.1,0.2 --runs 20000
--   peacesim trace scenarios/classroom/pressure.lua --replication 0
local step = param("sanctions_step", 0.1, "sanctions level each refused text adds (0 to 1)")

issue "settlement" {
  doc = "The terms of the settlement: 0 Ostria's terms, 1 Rusland's terms.",
  low = "Ostria's terms", high = "Rusland's terms",
  no_deal = "front", freezes_front = true, lag = 1,
}

party "Rusland" {
  doc = "The stronger side: it demands much, and at first the war costs it little.",
  capability = 1.4,
  war_cost = 0.002,
  sanctions_cost = 0.03,  -- each unit of sanctions level adds this to its weekly cost of war
  ideal = { settlement = 1 }, salience = { settlement = 1 },
  concession = { tactic = "poly", e = 2, k = 0 }, noise = 40, trust = 0.8, premium = 0.3,
  deadline = 30,          -- the session's 30 weeks: both sides know when the talks end
}

party "Ostria" {
  doc = "The weaker side: it holds on, supported from outside.",
  capability = 0.8,
  war_cost = 0.006,
  ideal = { settlement = 0 }, salience = { settlement = 1 },
  concession = { tactic = "poly", e = 2, k = 0 }, noise = 40, trust = 0.8, premium = 0.3,
  deadline = 30,          -- as Rusland
}

party "Coalition" {
  role = "guarantor",
  doc = "The states that sanction Rusland and supply Ostria.",
  supports = "Ostria", support = 0.4,
  ideal = { settlement = 0.3 }, salience = { settlement = 0 },
}

policy "sanctions package" {
  by = "Coalition",
  doc = "When Rusland refuses a text, the coalition adds a sanctions package.",
  when = { refused = "settlement", refused_by = "Rusland", sanctions_below = 1 },
  effects = { sanctions = step },
}

return scenario {
  name = "Pressure: a bargaining range that moves",
  doc = "A stronger and a weaker side; war and sanctions wear the stronger side's walk-away value down, week by week.",
  rounds = 30,
  front = { issue = "settlement", up = "Rusland", down = "Ostria", start = 0.6, drift = 0.01, sigma = 0.01 },
  sanctions = { start = 0, target = "Rusland", bite = 0.3 },
}
