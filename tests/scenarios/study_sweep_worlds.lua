-- peacesim.sweep and peacesim.compare across the worlds of sweep_assumptions.lua's assumptions;
-- tests/cli/sweep_worlds.sh checks its numbers against `peacesim sweep` on the same grid and seed.
-- Each line: point, b_trust, then for agreement, land and trade the median, q05, q95 and beats.
local opts = { vary = { b_trust = { 0.1, 0.3, 0.6 } }, baseline = { b_trust = 0.3 }, runs = 1000, seed = 4,
               worlds = 5, world_runs = 400 }
local sw = peacesim.sweep("sweep_assumptions.lua", opts)
assert(sw.schema == "peacesim.sweep/2" and sw.worlds.count == 5 and sw.worlds.runs == 400, "sweep: the worlds")
local function cells(w)
  local t = {}
  for _, o in ipairs { w.agreement, w.issues.land, w.issues.trade } do
    for _, k in ipairs { "median", "q05", "q95", "beats" } do t[#t + 1] = ("%.17g"):format(o[k]) end
  end
  return table.concat(t, " ")
end
for i, p in ipairs(sw.points) do print(i - 1, p.params.b_trust, cells(p.vs_baseline_worlds)) end
-- compare: b against a in a's worlds: the sweep's point 2 against its baseline (point 1)
local a = peacesim.load("sweep_assumptions.lua", { set = { b_trust = 0.3 } })
local b = peacesim.load("sweep_assumptions.lua", { set = { b_trust = 0.6 } })
local c = peacesim.compare(a, b, { runs = 1000, seed = 4, worlds = 5, world_runs = 400 })
assert(c.worlds.count == 5 and c.worlds.runs == 400 and #c.worlds.x == 5, "compare: the worlds")
print("compare", 0.6, cells(c.worlds.diff))
-- central = true: no worlds
assert(peacesim.compare(a, b, { runs = 100, central = true }).worlds == nil, "compare: central")
assert(peacesim.sweep("sweep_assumptions.lua", { vary = { b_trust = { 0.1 } }, runs = 100, central = true }).worlds == nil,
       "sweep: central")
