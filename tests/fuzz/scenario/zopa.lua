-- The zone of possible agreement (ZOPA) with uncertain reservation prices.
--
-- What it teaches: a buyer will pay at most r_b, a seller accept at least r_s, each normal and
-- unknown to the other. A deal is possible exactly when r_b > r_s, so
--   P(deal) = Phi((mu_b - mu_s) / sqrt(sd_b^2 + sd_s^2)).
-- One mediated round: the mediator proposes a price inside the zone when there is one.
-- Prices are on [0, 1]; keep mu +- 5 sd inside it, or the clipping of prices shows.
--
--   peacesim run scenarios/textbook/zopa.lua --runs 100000 --set mu_b=0.5 --set mu_s=0.55
local mu_b = param("mu_b", 0.55, "mean of the buyer's reservation price")
local sd_b = param("sd_b", 0.05, "sd of the buyer's reservation price")
local mu_s = param("mu_s", 0.5, "mean of the seller's reservation price")
local sd_s = param("sd_s", 0.05, "sd of the seller's reservation price")

issue "price" { doc = "The price, on a 0-1 scale." }

-- The buyer's utility of price x is 1 - x, so its reservation utility is 1 - r_b.
party "buyer" {
  ideal = { price = 0 }, salience = { price = 1 }, reservation = normal(1 - mu_b, sd_b),
  noise = math.huge, concession = { k = 1 },
}
party "seller" {
  ideal = { price = 1 }, salience = { price = 1 }, reservation = normal(mu_s, sd_s),
  noise = math.huge, concession = { k = 1 },
}

return scenario { name = "ZOPA with normal reservation prices", rounds = 1 }
