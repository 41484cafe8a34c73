-- A deal that needs four of five to ratify: coalitions, and the price of a holdout.
--
-- What it teaches (in the spirit of the Harborco role play): five parties negotiate one peace
-- accord, a package accepted or refused as a whole. It takes effect when `needed` of the five
-- ratify it. With unanimity (`--set needed=5`) any one party can block it, and the one that gains
-- least from peace, the mountain militia, often does: the accord comes later and less often, and
-- the mediator's text must buy the militia's consent (it keeps its arms): the price of a holdout.
-- With four of five, the mediator makes its text for the four that gain most together and leaves
-- the militia out (disarmed); with three of five, Borland is left out as well (the border goes to
-- Azuria's line). Ask the class who is paid under each rule; read who refused in `peacesim trace`.
--
--   peacesim sweep scenarios/classroom/ratify.lua --vary needed=3,4,5 --runs 20000
--   peacesim run scenarios/classroom/ratify.lua --set needed=3
--   peacesim trace scenarios/classroom/ratify.lua --set needed=5 --replication 2
local needed = param("needed", 4, "how many of the five parties must ratify the accord (3 to 5)")

local all = { "Azuria", "Borland", "Kestria", "Donor group", "Mountain militia" }
local ratify = { k = needed, "Azuria", "Borland", "Kestria", "Donor group", "Mountain militia" }

issue "border" {
  doc = "Where the new border runs: 0 Azuria's claim line, 1 Borland's claim line.",
  low = "Azuria's claim line", high = "Borland's claim line",
  consent = ratify, no_deal = 0.5,
}
issue "return" {
  doc = "How many displaced people may return to their homes.",
  options = { "none", "some", "all" },
  consent = ratify, no_deal = "none",
}
issue "aid" {
  doc = "Reconstruction aid, as a share of what the donors could give: 0 none, 1 all of it.",
  low = "no aid", high = "all the donors could give",
  consent = ratify, no_deal = 0,
}
issue "militia" {
  doc = "What becomes of the mountain militia.",
  options = { "disarmed", "integrated into the army", "keeps its arms" },
  consent = ratify, no_deal = "keeps its arms",
}

-- deadline: the session's 16 rounds; every party knows when the talks end
local common = { noise = 25, trust = 0.5, war_cost = 0.004, concession = { tactic = "poly", e = 0.6, k = 0 },
                 deadline = 16 }
local function with(t) for k, v in pairs(common) do if t[k] == nil then t[k] = v end end return t end

party "Azuria" (with {
  doc = "One of the two warring states; it wants its line and its people home.",
  capability = 1.0,
  ideal = { border = 0, ["return"] = "all", aid = 1, militia = "disarmed" },
  salience = { border = 0.45, ["return"] = 0.3, aid = 0.15, militia = 0.1 },
})
party "Borland" (with {
  doc = "The other warring state; the border matters most to it, returns worry it.",
  capability = 1.0,
  ideal = { border = 1, ["return"] = "none", aid = 1, militia = "disarmed" },
  salience = { border = 0.5, ["return"] = 0.25, aid = 0.15, militia = 0.1 },
})
party "Kestria" (with {
  doc = "The neighbour that hosts the displaced: it wants them to go home, and calm on its border.",
  capability = 0.6,
  ideal = { border = 0.5, ["return"] = "all", aid = 0.7, militia = "disarmed" },
  salience = { border = 0.1, ["return"] = 0.6, aid = 0.1, militia = 0.2 },
})
party "Donor group" (with {
  doc = "The states that would pay for reconstruction: they want peace at a price they can sell at home.",
  capability = 0.8,
  ideal = { border = 0.5, ["return"] = "some", aid = 0.3, militia = "disarmed" },
  salience = { border = 0.05, ["return"] = 0.15, aid = 0.6, militia = 0.2 },
})
party "Mountain militia" (with {
  doc = "An armed group in the hills: any accord that disarms it ends its power.",
  capability = 0.3,
  war_cost = 0.001,     -- the war costs it little
  ideal = { border = 0.8, ["return"] = "none", aid = 0.5, militia = "keeps its arms" },
  salience = { border = 0.2, ["return"] = 0.1, aid = 0.1, militia = 0.6 },
})

return scenario {
  name = "Ratifying an accord: four of five",
  doc = "Five parties negotiate one peace accord, accepted or refused as a whole; it needs four of them to ratify it.",
  rounds = 16, package = true,
}
