-- Three assumptions, each held by a param so that --set fixes it to a plain number (a world run
-- again as a plain scenario): the acceptance noise, which both parties take (one assumption,
-- however many fields take it), A's war cost, and B's ideal on the share.
local noise = param("noise", assumed(20, 6, 40, "how erratic a yes or no is"))
local cost = param("a_war_cost", assumed(0.012, 0.002, 0.03, "A's cost of a round of war"))
local ideal = param("b_ideal", assumed(0.2, 0.05, 0.45, "how much of the share B would settle for"))
issue "share" { no_deal = 0.5, freezes_front = true }
issue "prisoners" { no_deal = 0.4 }
party "A" { ideal = { share = 1, prisoners = 1 }, salience = { share = 2, prisoners = 1 },
            war_cost = cost, noise = noise, deadline = 12 }
party "B" { ideal = { share = ideal, prisoners = 0.1 }, salience = { share = 2, prisoners = 1 },
            war_cost = 0.01, noise = noise, deadline = 12 }
return scenario { name = "assumptions test", rounds = 12 }
