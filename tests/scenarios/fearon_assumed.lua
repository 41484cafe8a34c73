-- Fearon (1995)'s ultimatum under private information (scenarios/textbook/fearon_private.lua)
-- with A's cost of war cA and the bound cbar of B's cost as assumptions. B's cost is uniform on
-- [0, cbar]; A's best offer risks war with probability (cbar - cA) / (2 cbar) when cbar > cA,
-- which holds throughout these ranges, so P(deal) = 1/2 + cA / (2 cbar): the sensitivity
-- analysis's known answer (tests/unit/test_sensitivity.c). The script computes with both
-- assumptions (p - cA, 1 - p - cbar): a world is the script run again.
local p = param("p", 0.5, "A's expected share from war")
local cA = param("cA", assumed(0.1, 0.01, 0.19, "A's cost of war: up to a fifth of the pie"),
                 "A's cost of war (known to both)")
local cbar = param("cbar", assumed(0.4, 0.2, 0.6, "how costly B's war might be, at most"),
                   "the largest cost of war B may have")

issue "share" { doc = "A's share." }

party "A" { ideal = { share = 1 }, salience = { share = 1 }, reservation = p - cA }
party "B" { ideal = { share = 0 }, salience = { share = 1 }, reservation = uniform(1 - p - cbar, 1 - p) }

return scenario { name = "Fearon with assumed costs", rounds = 1, protocol = "ultimatum", proposer = "A" }
