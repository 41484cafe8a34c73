-- Fearon (1995): war is costly, so a bargaining range exists.
--
-- What it teaches: if war gives A the share p at a cost cA, and B the rest at a cost cB, then
-- any deal x with p - cA <= x <= p + cB leaves both better off than fighting. A fixed proposal
-- `offer` is put to both; each compares it with war (A: p - cA on the `share` issue; B:
-- 1 - p - cB). There is a deal exactly when the offer lies in [p - cA, p + cB].
--
--   peacesim run scenarios/textbook/fearon.lua --runs 1 --set offer=0.75
local p = param("p", 0.6, "A's expected share from war (its chance of winning)")
local cA = param("cA", 0.1, "A's cost of war, in shares")
local cB = param("cB", 0.1, "B's cost of war, in shares")
local offer = param("offer", 0.55, "the proposal on the table: A's share")

issue "share" { doc = "A's share.", proposal = offer }

party "A" {
  ideal = { share = 1 }, salience = { share = 1 }, reservation = p - cA,   -- war's worth to A
  noise = math.huge, concession = { k = 1 },
}
party "B" {
  ideal = { share = 0 }, salience = { share = 1 }, reservation = 1 - p - cB,   -- war's worth to B
  noise = math.huge, concession = { k = 1 },
}

return scenario { name = "Fearon's bargaining range", rounds = 1 }
