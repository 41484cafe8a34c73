-- sanctions_sweep.lua: does a tougher EU sanctions package make a ceasefire more likely, and by
-- how much? The default scenario swept over the size of the EU's package (eu_sanctions_step),
-- every point on the same random numbers; then the same difference measured the naive way, from
-- two independent runs, to show what common random numbers buy.
--   peacesim run scenarios/studies/sanctions_sweep.lua
local runs, seed = 100000, 1

local sw = peacesim.sweep("istanbul_2025.lua", {
  vary = { eu_sanctions_step = { 0, 0.1, 0.2, 0.3 } }, runs = runs, seed = seed })

print(("Sanctions sweep (%d runs per point, seed %d): P(ceasefire) and its paired difference from step 0"):format(runs, seed))
print(("%-6s  %-22s  %s"):format("step", "P(ceasefire) [95%]", "difference, points [95%]"))
for _, p in ipairs(sw.points) do
  local cf, d = p.issues.ceasefire, p.vs_baseline.issues.ceasefire
  print(("%-6.1f  %5.2f%% [%5.2f, %5.2f]    %+5.2f [%+5.2f, %+5.2f]"):format(p.params.eu_sanctions_step,
    100 * cf.p, 100 * cf.ci95[1], 100 * cf.ci95[2], 100 * d.diff, 100 * d.ci95[1], 100 * d.ci95[2]))
end

-- The naive way: the two ends run on different seeds, the difference of two independent shares,
-- with the interval 1.96 sqrt(p1 q1 / n + p2 q2 / n).
local a = peacesim.run(peacesim.load("istanbul_2025.lua", { set = { eu_sanctions_step = 0 } }), { runs = runs, seed = seed })
local b = peacesim.run(peacesim.load("istanbul_2025.lua", { set = { eu_sanctions_step = 0.3 } }), { runs = runs, seed = seed + 1 })
local p1, p2 = a.issues.ceasefire.p, b.issues.ceasefire.p
local diff, half = p2 - p1, 1.959963984540054 * math.sqrt(p1 * (1 - p1) / runs + p2 * (1 - p2) / runs)
local paired = sw.points[4].vs_baseline.issues.ceasefire
print(("step 0.3 against 0, independent runs (seeds %d and %d): %+5.2f points [%+5.2f, %+5.2f], half-width %.2f"):format(
  seed, seed + 1, 100 * diff, 100 * (diff - half), 100 * (diff + half), 100 * half))
print(("step 0.3 against 0, paired on common random numbers:  %+5.2f points [%+5.2f, %+5.2f], half-width %.2f"):format(
  100 * paired.diff, 100 * paired.ci95[1], 100 * paired.ci95[2], 100 * (paired.ci95[2] - paired.diff)))
