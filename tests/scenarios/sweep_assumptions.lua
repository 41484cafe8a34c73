-- A scenario with assumptions that are also params, for the sweep's comparisons across worlds
-- (tests/cli/sweep_worlds.sh): --set noise=... fixes one to a number, as a world does. The
-- policies swept: B's trust in A, and B's ideal on land.
local noise = param("noise", assumed(30, 15, 60, "how erratic a yes or no is"), "acceptance noise")
local premium = param("premium", assumed(0.5, 0, 0.75, "distrust premium"), "distrust premium")
local b_trust = param("b_trust", 0.3, "B's trust in A")
local b_land = param("b_land", 0.75, "B's ideal on land")
issue "land" { low = "A's", high = "B's", no_deal = 0.5 }
issue "trade" { low = "closed", high = "open", no_deal = 0.3 }
party "A" { noise = noise, premium = premium, trust = 0.3, ideal = { land = 0.2, trade = 0.9 },
            salience = { land = 0.7, trade = 0.3 }, war_cost = 0.01, deadline = 12 }
party "B" { noise = noise, premium = premium, trust = b_trust, ideal = { land = b_land, trade = 0.6 },
            salience = { land = 0.6, trade = 0.4 }, war_cost = 0.01, deadline = 12 }
return scenario { name = "sweep across assumptions", rounds = 12 }
