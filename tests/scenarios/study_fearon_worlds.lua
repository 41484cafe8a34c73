-- The Lua study functions on a scenario whose script computes with its assumptions (a world is
-- its script run again): peacesim.sensitivity, .sweep and .run all make its worlds. The e2e test
-- lua_worlds_of_a_computing_script compares the sensitivity's swings with the command's.
local s = peacesim.load("fearon_assumed.lua")
local r = peacesim.sensitivity(s, { method = "oat", factors = "assumptions", runs = 2000, seed = 3 })
local sw = peacesim.sweep("fearon_assumed.lua", { vary = { p = { 0.45, 0.5 } }, runs = 1000, worlds = 4, world_runs = 100 })
assert(sw.worlds.count == 4, "sweep: no worlds")
local b = peacesim.run(s, { runs = 1000, worlds = 4, world_runs = 100 })
assert(b.band.world_count == 4, "run: no band")
for j, e in ipairs(r.outputs[1].effects) do print(j - 1, e.factor, string.format("%.17g", e.swing)) end
