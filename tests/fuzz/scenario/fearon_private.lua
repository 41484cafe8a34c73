-- Fearon (1995): private information and the risk-return trade-off.
--
-- What it teaches: A makes B a take-it-or-leave-it offer without knowing B's cost of war,
-- believed uniform on [0, cbar]. Asking more risks war; asking less leaves gains on the table.
-- A's best offer is p + (cbar - cA) / 2, and war follows with probability (cbar - cA) / (2 cbar)
-- (when cbar > cA; otherwise A offers p and war never comes). Rational parties fight.
--
--   peacesim run scenarios/textbook/fearon_private.lua --runs 100000 --set cbar=0.4
local p = param("p", 0.5, "A's expected share from war")
local cA = param("cA", 0.05, "A's cost of war (known to both)")
local cbar = param("cbar", 0.3, "the largest cost of war B may have; B's cost is uniform on [0, cbar]")

issue "share" { doc = "A's share." }

party "A" { ideal = { share = 1 }, salience = { share = 1 }, reservation = p - cA }
-- B's reservation is 1 - p - cB with cB ~ Uniform(0, cbar): drawn in each replication, and what
-- A believes about it.
party "B" { ideal = { share = 0 }, salience = { share = 1 }, reservation = uniform(1 - p - cbar, 1 - p) }

return scenario { name = "Fearon: ultimatum under private information", rounds = 1,
                  protocol = "ultimatum", proposer = "A" }
