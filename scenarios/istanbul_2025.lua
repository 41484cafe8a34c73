-- The Istanbul talks of May 2025: the default scenario of peacesim.
--
-- Rounds are weeks; we watch 26 of them (half a year from the talks, the param `weeks`), and
-- each party believes the talks end after 26 weeks (its `deadline`, which `weeks` does not
-- move: watching longer does not tell the parties anything). Every number cites the fact it
-- rests on (F1..F14, ../shared/seed-facts.md, reproduced in docs/MODEL.md) or says
-- "assumption" with its reason. Positions are on [0,1] scales whose ends each issue names.
-- Run it with `peacesim run`; change a param with --set NAME=VALUE.

local weeks = param("weeks", 26, "weeks watched (assumption: half a year, the span of a policy review); the parties' deadlines do not move with it")
local eu_step = param("eu_sanctions_step", 0.10, "sanctions level an EU package adds (assumption: a tenth of the range)")
local eu_resolve = param("eu_package_chance", 0.5, "chance per week that a refused ceasefire brings an EU package (assumption; F14)")
local call_chance = param("leaders_call_chance", 0.9, "chance the US-Russia call takes place in week 1 (F2, F4)")
local russia_trust = param("russia_trust", 0.2, "Russia's initial trust in Ukraine and the West (assumption; F11)")
local ukraine_trust = param("ukraine_trust", 0.15, "Ukraine's initial trust in Russia (assumption; F7, F9, F11)")
local unconditional = param("unconditional_ceasefire", false,
  "a policy variant: the mediator tables only an unconditional 30-day ceasefire (F3) instead of its own compromise")

-- Issues ------------------------------------------------------------------------------------

issue "prisoners" {
  doc = "The exchange agreed in Istanbul: 1,000 detainees each way (F6).",
  options = { "no exchange", "1,000 for 1,000" },         -- F6
  agreed = "1,000 for 1,000",   -- F6: agreed in Istanbul, before the first week modelled here
  no_deal = 0,                  -- no exchange without a deal
  lag = 1,              -- F6: the exchange "might occur the next week"
  fail = 0.10,          -- assumption: exchanges slip or collapse about one time in ten
}

issue "ceasefire" {
  doc = "How conditional a ceasefire is: 0 an unconditional 30-day ceasefire (F3), 1 a ceasefire only on Russia's terms (F12).",
  low = "unconditional 30-day ceasefire", high = "ceasefire on Russia's terms",
  no_deal = 0.9,        -- assumption: without a ceasefire the war goes on, near Russia's line (F12)
  requires = { prisoners = "implemented" },   -- F12: ceasefire talks only after the swap
  lag = 1,              -- assumption: a week to issue orders along the front
  fail = 0.15,          -- assumption: orders not followed (F7, F9: strikes continued during talks)
  breakdown = 0.02,     -- assumption: about a 40% chance to fail within 26 weeks at full trust
  breakdown_distrust = 0.04,  -- assumption: distrust doubles to triples the hazard (F11)
  freezes_front = true,
  proposal = unconditional and 0 or nil,  -- the variant: 0 is F3's unconditional ceasefire, tabled every week
}

issue "territory" {
  doc = "Share of Russia's territorial claim conceded: 0 all occupied land returned, 1 five regions ceded (F13).",
  low = "all occupied land returned", high = "five regions ceded",
  points = { ["front line"] = 0.75 },   -- assumption: the line of control in May 2025 (see front.start)
  no_deal = "front",    -- without a deal, the line of control decides
  requires = { ceasefire = "agreed" },        -- F12: peace terms follow a ceasefire
  lag = 4,              -- assumption: a month to draw and sign a line
  fail = 0.05,          -- assumption
}

issue "sanctions" {
  doc = "Sanctions on Russia that remain: 0 all lifted, 1 the most the West can impose.",
  low = "all lifted", high = "maximal",
  no_deal = "sanctions",  -- without a deal, the current level stays
  consent = { "Russia", "US", "EU/NATO" },  -- relief needs the US and the EU, not Ukraine (MODEL.md 1)
  requires = { ceasefire = "agreed" },      -- F14: sanctions are the lever for a ceasefire
  lag = 2,              -- assumption: two weeks to pass the legal acts
}

-- Parties -----------------------------------------------------------------------------------

party "Russia" {
  role = "signatory",
  capability = 1.0,     -- assumption: the reference scale
  patience = 0.97,      -- assumption: in no hurry (F11: a delegation without powers)
  war_cost = normal(0.004, 0.0015),  -- assumption: utility lost per week of war, uncertain
  sanctions_cost = 0.005,            -- assumption: a full sanctions level more than doubles it (F8)
  trust = russia_trust,
  premium = 0.5,        -- assumption: distrust claws back half the concession (commitment problem)
  concession = { tactic = "poly", e = 0.4, k = 0 },  -- Boulware: a hard line (F11, F12, F13)
  deadline = 26,        -- assumption: it expects the talks to end within half a year (the lead will turn it into an assumption range)
  noise = 30,           -- assumption: logit precision; 0.05 of utility shifts odds by e^1.5
  ideal = { prisoners = "1,000 for 1,000", ceasefire = 0.85, territory = 1.0, sanctions = 0 },
                        -- F6 agreed the swap; F12 conditions; F13 the five regions; relief wanted
  salience = { prisoners = 0.10, ceasefire = 0.15, territory = 0.45, sanctions = 0.30 },  -- assumption
}

party "Ukraine" {
  role = "signatory",
  capability = 0.45,    -- assumption: about half of Russia's own strength
  patience = 0.95,      -- assumption
  war_cost = normal(0.008, 0.002),  -- assumption: the heavier toll (F7, F9: civilians killed)
  trust = ukraine_trust,
  premium = 0.5,        -- assumption, as Russia
  concession = { tactic = "poly", e = 0.6, k = 0 },  -- assumption: firm (F13: "unacceptable" demands)
  deadline = 26,        -- assumption: as Russia (the lead will turn it into an assumption range)
  noise = 30,           -- assumption: as Russia
  ideal = { prisoners = "1,000 for 1,000", ceasefire = 0.1, territory = 0.0, sanctions = 1.0 },
                        -- F6; near the US's unconditional ceasefire (F3); F13; F8 stronger pressure
  salience = { prisoners = 0.20, ceasefire = 0.30, territory = 0.40, sanctions = 0.10 },  -- assumption
}

party "US" {
  role = "mediator",    -- F2, F3: it presses an unconditional 30-day ceasefire
  capability = 1.0,     -- assumption
  supports = "Ukraine", support = 0.20,   -- assumption: US arms still reach Ukraine
  ideal = { ceasefire = 0.0, sanctions = 0.3 },  -- F3; assumption: open to relief for a deal
  salience = { ceasefire = 0.6, sanctions = 0.4 },  -- F2, F3: the ceasefire first
  trust = 0.5,          -- assumption: the mediator trusts both sides moderately
  noise = 30,           -- assumption: as the signatories
  deadline = 26,        -- assumption: as the signatories (the lead will turn it into an assumption range)
}

party "EU/NATO" {
  role = "guarantor",
  capability = 0.8,     -- assumption
  supports = "Ukraine", support = 0.30,   -- F8, F10: Europe backs Ukraine
  ideal = { ceasefire = 0.0, sanctions = 0.8 },  -- F14: more sanctions, not fewer
  salience = { ceasefire = 0.4, sanctions = 0.6 },  -- F8, F14: sanctions are Europe's lever
  trust = 0.3,          -- assumption: Europe distrusts Russia's intentions (F10: "cynicism")
  noise = 30,           -- assumption: as the signatories
  deadline = 26,        -- assumption: as the signatories (the lead will turn it into an assumption range)
}

-- Events and policies -------------------------------------------------------------------------

event "leaders' call" {
  doc = "The US President calls the Russian President on the Monday after the talks (F2, F4).",
  chance = call_chance, once = true, when = { before = 2 },   -- F2: the Monday after the talks, week 1
  effects = {
    { shift = -0.10, party = "Russia", issue = "ceasefire" },  -- assumption: a small move towards F3
    { trust = 0.05, party = "Russia" },                        -- assumption
  },
}

event "strike on civilians" {
  doc = "Drone and missile strikes on civilians (F7, F9).",
  rate = 0.8,           -- assumption: such strikes reported most weeks (F7, F9)
  when = { ceasefire = false },
  effects = {
    { trust = -0.01, party = "Ukraine" },                       -- assumption
    { shift = 0.005, party = "EU/NATO", issue = "sanctions" },  -- F8: calls for pressure
  },
}

event "village captured" {
  doc = "Small territorial gains, such as Oleksandropil (F9).",
  chance = 0.4,         -- assumption: a claimed village in four weeks of ten
  when = { ceasefire = false },
  effects = { front = 0.002 },   -- assumption: a village is a small share of the claim
}

policy "EU sanctions package" {
  doc = "Europe adds sanctions if Russia refuses a ceasefire (F14).",
  by = "EU/NATO",
  chance = eu_resolve,
  when = { refused = "ceasefire", refused_by = "Russia", sanctions_below = 1 },  -- F14; 1 = the most there is
  effects = { sanctions = eu_step },
}

policy "US pressure" {
  doc = "The US responds to Russia's refusal (F10: France expects it to); uncertain.",
  by = "US",
  chance = 0.2,         -- assumption: the US response is uncertain (F10)
  when = { refused = "ceasefire", refused_by = "Russia" },
  effects = { sanctions = 0.05 },  -- assumption: a smaller step than Europe's
}

event "ceasefire holds" {
  doc = "While a ceasefire holds, Europe's line on sanctions softens a little (assumption).",
  chance = 1, when = { ceasefire = true },   -- assumption: every week the ceasefire holds
  effects = { shift = -0.02, party = "EU/NATO", issue = "sanctions" },  -- assumption: a small weekly step
}

return scenario {
  name = "Istanbul talks, May 2025",
  rounds = weeks,
  front = {
    issue = "territory", up = "Russia", down = "Ukraine",
    start = 0.75,       -- assumption: Russia held about three quarters of the five regions (F13)
    drift = 0.004,      -- assumption: weekly drift at full imbalance of strength
    bias = 0.0005,      -- F9: slow Russian gains whatever the balance
    sigma = 0.003,      -- assumption: weekly noise of the front
    violation = 0.0005, -- assumption: small moves under a ceasefire
  },
  sanctions = {
    start = 0.6,        -- assumption: extensive sanctions since 2022, with room for more (F14)
    target = "Russia",
    bite = 0.15,        -- assumption: a full level removes 15% of Russia's strength at the front
  },
  trust_gain = 0.05,    -- assumption: a deal carried out builds some trust (F6)
  trust_loss = 0.10,    -- assumption: a broken one costs twice that
}
