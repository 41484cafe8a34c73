-- Every kind of distribution, in the tables whose iteration order Lua randomises per process
-- (ideal, salience): the draws must not depend on that order.
issue "a" { no_deal = uniform(0.2, 0.6) }
issue "b" { no_deal = 0.5 }
issue "c" { options = { "no", "half", "yes" }, no_deal = "no" }
issue "d" { no_deal = beta(2, 3) }
issue "e" {}
party "A" {
  ideal = { a = normal(0.8, 0.1), b = truncnormal(0.7, 0.2, 0.5, 1), c = "yes", d = triangular(0.5, 0.9, 1), e = choice{0.2, 0.9} },
  salience = { a = lognormal(-1, 0.3), b = uniform(0.1, 0.3), c = beta(2, 2), d = 0.2, e = choice{{0.1, 3}, {0.4, 1}} },
  war_cost = 0.01, noise = 8, deadline = 12,
}
party "B" {
  ideal = { a = 0.1, b = 0.2, c = "no", d = normal(0.2, 0.05), e = 0.3 },
  salience = { a = 0.3, b = 0.3, c = 0.1, d = uniform(0.1, 0.2), e = 0.2 },
  war_cost = 0.01, noise = 8, deadline = 12,
}
return scenario { name = "distributions", rounds = 12 }
