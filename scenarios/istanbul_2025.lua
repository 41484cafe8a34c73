-- The Istanbul talks of May 2025: the default scenario of peacesim.
--
-- Rounds are weeks. Every number either cites the fact it rests on (the fourteen facts of
-- docs/FACTS.md, tagged F1 to F14) or is an assumption: `assumed(central, low, high, reason)`,
-- a value nobody can measure with the range it could plausibly take and why (docs/LUA_API.md,
-- section 3). A fact that supports only a direction (F11: low trust) makes the direction the
-- range's, not the value: those numbers are assumptions too, and say so. `peacesim run` reports
-- the results at the central values and the band across the assumptions' ranges; `peacesim
-- sensitivity --method sobol` ranks them (docs/MODEL.md section 9). Engine defaults the model
-- would otherwise use unsaid (curvature, learning, the mediators' patience, premium and tactic)
-- are written out here. Change a param with --set NAME=VALUE.

local weeks = param("weeks", 26, "weeks watched: the observation window, not anyone's deadline (half a year, the span of a policy review)")
local eu_step = param("eu_sanctions_step",
  assumed(0.10, 0.05, 0.30, "the size of a package: a tenth of the sanctions range is a guess; F14 gives none"),
  "sanctions level an EU package adds")
local eu_resolve = param("eu_package_chance",
  assumed(0.5, 0.2, 0.9, "F14 reports coordination on more sanctions, not a decision: an even chance, widely unsure"),
  "chance per week that a refused ceasefire brings an EU package")
local call_chance = param("leaders_call_chance",
  assumed(0.9, 0.5, 1.0, "announced (F2) and prepared (F4), so likely; the report predates the call"),
  "chance the US-Russia call takes place in week 1")
local russia_trust = param("russia_trust",
  assumed(0.2, 0.05, 0.4, "Russia's own trust is unmeasured: F11 is Ukraine's view of Russia's delegation"),
  "Russia's initial trust in Ukraine and the West")
local ukraine_trust = param("ukraine_trust",
  assumed(0.15, 0.05, 0.35, "low, as strikes during the talks (F7, F9) and a weak delegation (F11) suggest: the direction, not the value"),
  "Ukraine's initial trust in Russia")
local unconditional = param("unconditional_ceasefire", false,
  "a policy variant: the mediator tables only an unconditional 30-day ceasefire (F3) instead of its own compromise")

-- How a party answers and concedes: one assumption per party, since the parties' unknowns are
-- independent (Ukraine's and Russia's logit precision move P(ceasefire) in opposite directions).
local function precision(who)
  return assumed(30, 15, 60, who .. "'s logit precision (larger is sharper): no data fixes it; at 15 to 60 a 0.05 utility gap shifts the odds by e^0.75 to e^3")
end
local function deadline(who)
  return assumed(26, 13, 52, who .. "'s belief of when the talks must end: no fact says; a quarter to a year around the half-year of a policy review")
end

-- Issues ------------------------------------------------------------------------------------

issue "prisoners" {
  doc = "The exchange agreed in Istanbul: 1,000 detainees each way (F6).",
  options = { "no exchange", "1,000 for 1,000" },         -- F6
  agreed = "1,000 for 1,000",   -- F6: agreed in Istanbul, before the first week modelled here
  no_deal = 0,                  -- no exchange without a deal
  lag = 1,              -- F6: the exchange "might occur the next week"
  fail = assumed(0.10, 0.02, 0.25, "F6's 'might': exchanges slip or collapse, how often is not known"),
}

issue "ceasefire" {
  doc = "How conditional a ceasefire is: 0 an unconditional 30-day ceasefire (F3), 1 a ceasefire only on Russia's terms (F12).",
  low = "unconditional 30-day ceasefire", high = "ceasefire on Russia's terms",
  no_deal = assumed(0.9, 0.8, 1.0, "where 'no ceasefire' sits on the scale, near Russia's end: a modelling choice no fact gives"),
  requires = { prisoners = "implemented" },   -- F12: ceasefire talks only after the swap
  lag = assumed(1, 1, 3, "weeks to issue orders along the front: not reported"),
  fail = assumed(0.15, 0.05, 0.30, "orders not followed: strikes continued during the talks (F7, F9), a direction only"),
  breakdown = assumed(0.02, 0.01, 0.04, "weekly hazard at full trust: about a 40% chance to fail within 26 weeks at 0.02; no data on this war"),
  breakdown_distrust = assumed(0.04, 0.02, 0.08, "distrust raises the hazard (F11: a direction); doubling to quadrupling it is a guess"),
  freezes_front = true,
  proposal = unconditional and 0 or nil,  -- the variant: 0 is F3's unconditional ceasefire, tabled every week
}

issue "territory" {
  doc = "Share of Russia's territorial claim conceded: 0 all occupied land returned, 1 five regions ceded (F13).",
  low = "all occupied land returned", high = "five regions ceded",
  points = { ["front line"] = 0.75 },   -- assumption: the line of control in May 2025 (see front.start; a named point takes no range)
  no_deal = "front",    -- without a deal, the line of control decides
  requires = { ceasefire = "agreed" },        -- a modelling choice: peace terms after a ceasefire (F12 asks for terms first)
  lag = assumed(4, 2, 8, "weeks to draw and sign a line: not reported"),
  fail = assumed(0.05, 0.02, 0.15, "a signed line not carried out: no data"),
}

issue "sanctions" {
  doc = "Sanctions on Russia that remain: 0 all lifted, 1 the most the West can impose.",
  low = "all lifted", high = "maximal",
  no_deal = "sanctions",  -- without a deal, the current level stays
  consent = { "Russia", "US", "EU/NATO" },  -- relief needs the US and the EU, not Ukraine (MODEL.md 1)
  requires = { ceasefire = "agreed" },      -- F14: sanctions are the lever for a ceasefire
  lag = assumed(2, 1, 4, "weeks to pass the legal acts: not reported"),
}

-- Parties -----------------------------------------------------------------------------------

party "Russia" {
  role = "signatory",
  capability = 1.0,     -- the reference scale: the others' capabilities are relative to it
  patience = assumed(0.97, 0.93, 0.99, "in no hurry (F11: a delegation without powers): the direction, not the weekly discount"),
  war_cost = normal(0.004, 0.0015),  -- assumption: utility lost per week of war, drawn in each replication
  sanctions_cost = assumed(0.005, 0.002, 0.010, "F8 says pressure bites, not how much: a full level adds about its war cost"),
  curvature = assumed(1, 1, 2, "the engine's linear loss; quadratic (2) is the other textbook choice and no fact decides"),
  learn = assumed(0, 0, 0.1, "does its ideal drift towards the texts it votes on? 0, none, is the strict reading; nothing in the facts says"),
  trust = russia_trust,
  premium = assumed(0.5, 0.25, 0.75, "the share of a concession full distrust claws back (the commitment problem, F11): real, but unmeasured"),
  concession = { tactic = "poly",  -- the tactic's family is a modelling choice (Faratin's polynomial)
                 e = assumed(0.4, 0.2, 1.0, "Boulware, a hard line (F11-F13): e < 1 is the direction, 0.4 the guess"),
                 k = assumed(0, 0, 0.2, "the share conceded at once: none is written, no fact") },
  deadline = deadline("Russia"),
  noise = precision("Russia"),
  ideal = { prisoners = "1,000 for 1,000",   -- F6 agreed the swap
            ceasefire = assumed(0.85, 0.75, 0.95, "F12 says a conditional ceasefire, near Russia's end, not how near"),
            territory = 1.0,                 -- F13: the five regions
            sanctions = 0 },                 -- relief wanted: the scale's end
  salience = { prisoners = assumed(0.10, 0.05, 0.20, "weights of Russia's issues: no statement gives them"),
               ceasefire = assumed(0.15, 0.05, 0.30, "the ceasefire's terms against territory: unmeasured"),
               territory = assumed(0.45, 0.30, 0.60, "territory first (F13), by how much is a guess"),
               sanctions = assumed(0.30, 0.15, 0.45, "relief matters (F8, F14 as levers): a direction") },
}

party "Ukraine" {
  role = "signatory",
  capability = assumed(0.45, 0.3, 0.7, "strength relative to Russia's 1: no single measure; about half"),
  patience = assumed(0.95, 0.90, 0.99, "weekly discount: not reported"),
  war_cost = normal(0.008, 0.002),  -- assumption: the heavier toll (F7, F9: civilians killed), drawn in each replication
  curvature = assumed(1, 1, 2, "as Russia's"),
  learn = assumed(0, 0, 0.1, "as Russia's"),
  trust = ukraine_trust,
  premium = assumed(0.5, 0.25, 0.75, "as Russia's: real (F7, F9, F11), unmeasured"),
  concession = { tactic = "poly",
                 e = assumed(0.6, 0.3, 1.0, "firm (F13: 'unacceptable' demands) but how Boulware is a guess"),
                 k = assumed(0, 0, 0.2, "as Russia's") },
  deadline = deadline("Ukraine"),
  noise = precision("Ukraine"),
  ideal = { prisoners = "1,000 for 1,000",   -- F6
            ceasefire = assumed(0.1, 0, 0.25, "near F3's unconditional end: the report does not give Ukraine's position"),
            territory = 0.0,                 -- F13: the demands are 'unacceptable'
            sanctions = 1.0 },               -- F8: stronger pressure; the scale's end
  salience = { prisoners = assumed(0.20, 0.10, 0.30, "weights of Ukraine's issues: no statement gives them"),
               ceasefire = assumed(0.30, 0.15, 0.45, "the ceasefire's terms against territory: unmeasured"),
               territory = assumed(0.40, 0.25, 0.55, "F13 rejects the claims: territory weighs, how much is a guess"),
               sanctions = assumed(0.10, 0.05, 0.20, "F8 asks for pressure: a direction") },
}

party "US" {
  role = "mediator",    -- F2, F3: it presses an unconditional 30-day ceasefire
  capability = assumed(1.0, 0.6, 1.4, "its weight in the mediator's product against Russia's 1: a guess"),
  patience = assumed(0.95, 0.90, 0.99, "the engine's default discount, written out"),
  premium = assumed(0, 0, 0.5, "the engine's default: a mediator that distrusts no one; written out"),
  concession = { tactic = "poly", e = assumed(1, 0.5, 2, "the engine's default linear tactic, written out"), k = 0 },
  deadline = deadline("US"),
  supports = "Ukraine",
  support = assumed(0.20, 0.05, 0.40, "US arms still reach Ukraine: the share of capability lent is a guess"),
  ideal = { ceasefire = 0.0,     -- F3
            sanctions = assumed(0.3, 0.1, 0.5, "open to relief for a deal: not in the report") },
  salience = { ceasefire = assumed(0.6, 0.45, 0.75, "the ceasefire first (F2, F3): a direction"),
               sanctions = assumed(0.4, 0.25, 0.55, "sanctions second: a direction") },
  trust = assumed(0.5, 0.3, 0.7, "the mediator trusts both sides moderately: a guess"),
  noise = precision("US"),
}

party "EU/NATO" {
  role = "guarantor",
  capability = assumed(0.8, 0.5, 1.1, "its weight against Russia's 1: a guess"),
  patience = assumed(0.95, 0.90, 0.99, "the engine's default discount, written out"),
  premium = assumed(0, 0, 0.5, "the engine's default, written out"),
  concession = { tactic = "poly", e = assumed(1, 0.5, 2, "the engine's default linear tactic, written out"), k = 0 },
  deadline = deadline("EU/NATO"),
  supports = "Ukraine",
  support = assumed(0.30, 0.10, 0.50, "Europe backs Ukraine (F8, F10): how much capability it lends is a guess"),
  ideal = { ceasefire = assumed(0.0, 0, 0.2, "Europe backs a ceasefire; how unconditional is not in the report"),
            sanctions = assumed(0.8, 0.6, 1.0, "more sanctions, not fewer (F14): a direction") },
  salience = { ceasefire = assumed(0.4, 0.25, 0.55, "a direction only"),
               sanctions = assumed(0.6, 0.45, 0.75, "sanctions are Europe's lever (F8, F14): a direction") },
  trust = assumed(0.3, 0.1, 0.5, "Europe distrusts Russia's intentions (F10: 'cynicism'): the direction"),
  noise = precision("EU/NATO"),
}

-- Events and policies -------------------------------------------------------------------------

event "leaders' call" {
  doc = "The US President calls the Russian President on the Monday after the talks (F2, F4).",
  chance = call_chance, once = true, when = { before = 2 },   -- F2: the Monday after the talks, week 1
  effects = {
    { shift = assumed(-0.10, -0.20, -0.05, "how far the call moves Russia towards F3: the report gives its aim, not its effect"),
      party = "Russia", issue = "ceasefire" },
    { trust = assumed(0.05, 0, 0.10, "a call may build a little trust: a guess"), party = "Russia" },
  },
}

event "strike on civilians" {
  doc = "Drone and missile strikes on civilians (F7, F9).",
  rate = assumed(0.8, 0.4, 1.5, "strikes recur (F7, F9); a weekly rate is not in the report"),
  when = { ceasefire = false },
  effects = {
    { trust = assumed(-0.01, -0.02, -0.005, "each strike wears Ukraine's trust a little: how much is a guess"), party = "Ukraine" },
    { shift = assumed(0.005, 0, 0.01, "calls for pressure after strikes (F8): a direction"), party = "EU/NATO", issue = "sanctions" },
  },
}

event "village captured" {
  doc = "Small territorial gains, such as Oleksandropil (F9).",
  chance = assumed(0.4, 0.2, 0.6, "a claimed village most months (F9): the weekly chance is a guess"),
  when = { ceasefire = false },
  effects = { front = assumed(0.002, 0.001, 0.004, "a village is a small share of the claim") },
}

policy "EU sanctions package" {
  doc = "Europe adds sanctions if Russia refuses a ceasefire (F14).",
  by = "EU/NATO",
  chance = eu_resolve,
  when = { refused = "ceasefire", refused_by = "Russia", sanctions_below = 1 },  -- F14; 1 = the most there is
  effects = { sanctions = eu_step },
}

policy "US pressure" {
  doc = "The US may respond to Russia's refusal (F10: France expects it to).",
  by = "US",
  chance = assumed(0.2, 0.05, 0.5, "F10 says France expects a response; whether the US gives one is uncertain: a guess"),
  when = { refused = "ceasefire", refused_by = "Russia" },
  effects = { sanctions = assumed(0.05, 0.02, 0.10, "a smaller step than Europe's: a guess") },
}

event "ceasefire holds" {
  doc = "While a ceasefire holds, Europe's line on sanctions softens a little (an assumption).",
  chance = 1, when = { ceasefire = true },   -- every week the ceasefire holds: the rule, not a chance
  effects = { shift = assumed(-0.02, -0.04, -0.01, "Europe softens while a ceasefire holds: no fact"), party = "EU/NATO", issue = "sanctions" },
}

return scenario {
  name = "Istanbul talks, May 2025",
  rounds = weeks,
  front = {
    issue = "territory", up = "Russia", down = "Ukraine",
    start = assumed(0.75, 0.70, 0.80, "Russia held about three quarters of the five regions (F13): the share is an estimate"),
    drift = assumed(0.004, 0.002, 0.008, "weekly drift at full imbalance of strength: a guess"),
    bias = assumed(0.0005, 0, 0.001, "slow Russian gains whatever the balance (F9): a direction"),
    sigma = assumed(0.003, 0.0015, 0.006, "weekly noise of the front: a guess"),
    violation = assumed(0.0005, 0, 0.001, "small moves under a ceasefire: a guess"),
  },
  sanctions = {
    start = assumed(0.6, 0.4, 0.8, "extensive sanctions since 2022 with room for more (F14): below 1, not how far"),
    target = "Russia",
    bite = assumed(0.15, 0.05, 0.30, "the share of Russia's strength at the front a full level removes: a guess"),
  },
  trust_gain = assumed(0.05, 0.02, 0.10, "a deal carried out builds some trust: a model assumption no fact supports"),
  trust_loss = assumed(0.10, 0.05, 0.20, "a broken one costs about twice that: a guess"),
}
