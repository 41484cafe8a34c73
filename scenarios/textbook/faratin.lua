-- Faratin, Sierra and Jennings (1998): negotiation decision functions.
--
-- What it teaches: how fast a negotiator concedes matters as much as where it ends. A values x
-- upwards with reservation 0.3 and opens at 1; B values it downwards with reservation 0.7 and
-- opens at 0. A offers at even t, B at odd t (t = 0..horizon); each concedes along its tactic,
--   polynomial:  alpha(t) = kappa + (1 - kappa) (t / T)^(1/e)
--   exponential: alpha(t) = exp((1 - t/T)^e ln kappa)
-- (e < 1 Boulware, holding out; e > 1 conceder). The receiver accepts an offer at least as good
-- for it as its own next offer would be. The issue `share` holds the agreed x.
--
--   peacesim run scenarios/textbook/faratin.lua --runs 1 --set e_a=0.5 --set e_b=2
local e_a = param("e_a", 1, "A's concession exponent e (beta)")
local e_b = param("e_b", 1, "B's concession exponent e (beta)")
local horizon = param("horizon", 10, "the deadline T: offers at t = 0..T")
local family = param("family", "poly", "the tactic family: poly or exp")
local kappa = param("kappa", 0, "the share conceded at once (Faratin's kappa); exp needs kappa > 0")

issue "share" { doc = "The agreed point." }

party "A" {
  ideal = { share = 1 }, salience = { share = 1 }, reservation = 0.3,      -- U_A(x) = x
  concession = { tactic = family, e = e_a, k = kappa },
  deadline = horizon + 1,   -- the theory's known deadline: its last offer at t = T (round T + 1)
}
party "B" {
  ideal = { share = 0 }, salience = { share = 1 }, reservation = 1 - 0.7,  -- U_B(x) = 1 - x
  concession = { tactic = family, e = e_b, k = kappa },
  deadline = horizon + 1,   -- as A
}

return scenario { name = "Faratin's concession tactics", rounds = horizon + 1,
                  protocol = "alternating", proposer = "A" }
