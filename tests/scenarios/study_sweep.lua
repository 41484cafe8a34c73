-- A study that uses peacesim.compare and peacesim.sweep; the e2e test checks it against the
-- command line's `peacesim sweep` on the same grid and seed.
local base = peacesim.load("istanbul_2025.lua")
local tough = peacesim.load("istanbul_2025.lua", { set = { eu_sanctions_step = 0.3 } })
local opts = { runs = 4000, seed = 3, central = true }   -- the worlds are study_sweep_worlds.lua's
local c = peacesim.compare(base, tough, opts)
-- each side is what peacesim.run gives alone; the difference is that of the counts
assert(c.a.issues.ceasefire.count == peacesim.run(base, opts).issues.ceasefire.count, "compare: a is not its run")
assert(c.b.issues.ceasefire.count == peacesim.run(tough, opts).issues.ceasefire.count, "compare: b is not its run")
local d = c.diff.issues.ceasefire
assert(math.abs(d.diff - (c.b.issues.ceasefire.count - c.a.issues.ceasefire.count) / 4000) < 1e-12, "compare: diff")
assert(d.ci95[1] <= d.diff and d.diff <= d.ci95[2], "compare: interval")
local sw = peacesim.sweep("istanbul_2025.lua", {
  vary = { leaders_call_chance = { 0.05, 0.2 }, eu_sanctions_step = { 0, 0.3 } },   -- taken in name order
  baseline = { eu_sanctions_step = 0, leaders_call_chance = 0.2 },
  runs = 4000, seed = 3, central = true })
assert(sw.schema == "peacesim.sweep/2" and #sw.points == 4)
for i, p in ipairs(sw.points) do
  print(i - 1, p.params.eu_sanctions_step, p.params.leaders_call_chance, p.issues.ceasefire.count,
        string.format("%.17g", p.vs_baseline.issues.ceasefire.diff))
end
