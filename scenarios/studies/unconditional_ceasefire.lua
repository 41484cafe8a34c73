-- unconditional_ceasefire.lua: what if the mediator tabled only an unconditional 30-day
-- ceasefire (F3) every week instead of its own compromise? The default scenario against that
-- variant, on the same random numbers (peacesim.compare).
--   peacesim run scenarios/studies/unconditional_ceasefire.lua
local runs, seed = 100000, 1
local base = peacesim.load("istanbul_2025.lua")
local uncond = peacesim.load("istanbul_2025.lua", { set = { unconditional_ceasefire = true } })
local c = peacesim.compare(base, uncond, { runs = runs, seed = seed })

print(("Unconditional ceasefire first (%d runs each, seed %d): variant minus the mediator's compromise"):format(runs, seed))
print(("%-14s  %-9s  %-9s  %s"):format("", "mediator", "variant", "difference, points [95%]"))
local function row(name, pa, pb, d)
  print(("%-14s  %7.2f%%  %7.2f%%  %+6.2f [%+6.2f, %+6.2f]"):format(name, 100 * pa, 100 * pb, 100 * d.diff, 100 * d.ci95[1], 100 * d.ci95[2]))
end
row("comprehensive", c.a.agreement.p, c.b.agreement.p, c.diff.agreement)
for _, name in ipairs(c.a.scenario.issues) do
  row(name, c.a.issues[name].p, c.b.issues[name].p, c.diff.issues[name])
end
local ha, hb = c.a.issues.ceasefire.held.p, c.b.issues.ceasefire.held.p
print(("ceasefire still holding at week 26: %.1f%% (mediator), %.1f%% (variant)"):format(100 * ha, 100 * hb))
print(("median week of a ceasefire: %s (mediator), %s (variant)"):format(
  tostring(c.a.issues.ceasefire.median_round or "not reached"), tostring(c.b.issues.ceasefire.median_round or "not reached")))
