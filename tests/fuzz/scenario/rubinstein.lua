-- Rubinstein (1982) and Stahl (1972): two parties divide one unit by alternating offers.
--
-- What it teaches: patience is bargaining power. With an open horizon the first proposer gets
-- x1 = (1 - d2) / (1 - d1 d2) at once, and the other accepts; the more patient party (higher
-- discount factor) gets more. With a finite horizon T (Stahl), the party proposing in the last
-- round would take everything, and backward induction gives the first offer.
--
--   peacesim run scenarios/textbook/rubinstein.lua --runs 1 --set d1=0.9 --set d2=0.6
--   peacesim run scenarios/textbook/rubinstein.lua --runs 1 --set horizon=3
local d1 = param("d1", 0.9, "party 1's discount factor per round (its patience), below 1")
local d2 = param("d2", 0.8, "party 2's discount factor per round, below 1")
local horizon = param("horizon", 0, "rounds of the bargaining game; 0 = an open horizon (Rubinstein)")

issue "share" { doc = "Party 1's share of the unit.", low = "all to party 2", high = "all to party 1" }

party "P1" { ideal = { share = 1 }, salience = { share = 1 }, patience = d1 }
party "P2" { ideal = { share = 0 }, salience = { share = 1 }, patience = d2 }

return scenario {
  name = "Rubinstein bargaining",
  rounds = 1,             -- the equilibrium offer is accepted in round 1
  protocol = "equilibrium",
  horizon = horizon,
  proposer = "P1",        -- party 1 proposes first (and in every odd round)
}
