-- The Nash (1950) bargaining solution and the Kalai-Smorodinsky (1975) solution.
--
-- What it teaches: a mediator's proposal depends on what each side can walk away with (d1, d2),
-- on how its weight is set (alpha: party 1's weight in the asymmetric Nash product), and on the
-- solution concept: Nash maximises (u1 - d1)^alpha (u2 - d2)^(1 - alpha); Kalai-Smorodinsky
-- gives each side the same share of the most it could hope for. With a curved utility for party 2
-- (rho2 > 1) the frontier is not symmetric and the two concepts part ways.
--   u1 = x, u2 = 1 - x^rho2 on the issue `share` (party 1's share).
-- No deal when no point gives both more than their disagreement utility.
--
--   peacesim run scenarios/textbook/nash.lua --runs 1 --set alpha=0.7
--   peacesim run scenarios/textbook/nash.lua --runs 1 --set rho2=2 --set concept=ks
local d1 = param("d1", 0.1, "party 1's disagreement utility")
local d2 = param("d2", 0.2, "party 2's disagreement utility")
local alpha = param("alpha", 0.5, "party 1's weight in the Nash product, between 0 and 1 (0.5: symmetric)")
local rho2 = param("rho2", 1, "party 2's utility curvature: u2 = 1 - x^rho2 (1: linear)")
local concept = param("concept", "nash", "the mediator's solution concept: nash or ks")

issue "share" { doc = "Party 1's share.", low = "all to party 2", high = "all to party 1" }

-- Both accept any text worth at least their disagreement utility (no noise, no haggling: the
-- concession tactic starts at the reservation, k = 1).
party "P1" {
  ideal = { share = 1 }, salience = { share = 1 }, capability = alpha, reservation = d1,
  noise = math.huge, concession = { k = 1 },
}
party "P2" {
  ideal = { share = 0 }, salience = { share = 1 }, capability = 1 - alpha, curvature = rho2,
  reservation = d2, noise = math.huge, concession = { k = 1 },
}

return scenario { name = "Nash and Kalai-Smorodinsky", rounds = 1, concept = concept }
