-- peacesim.run gives the band across a scenario's assumptions, as `peacesim run` does; the e2e
-- test lua_run_band_matches_cli compares the two, and central = true leaves it out.
local s = peacesim.load("assumptions.lua")
local r = peacesim.run(s, { runs = 2000, seed = 5, worlds = 8, world_runs = 300 })
assert(r.schema == "peacesim.result/2" and r.band.world_count == 8 and r.band.runs_per_world == 300)
local c = peacesim.run(s, { runs = 2000, seed = 5, central = true })
assert(c.band == nil, "central = true gave a band")
assert(c.issues.share.count == r.issues.share.count, "the band changed the central figures")
for _, k in ipairs({ "q05", "median", "q95" }) do
  print(k, string.format("%.17g", r.band.issues.share[k]), string.format("%.17g", r.band.agreement[k]))
end
