-- A study that runs the scripted scenario two ways: loaded from its file (every worker thread runs
-- the file again) and in table form; the two must agree to the last bit.
local f = peacesim.run(peacesim.load("events.lua"), { runs = 3000, seed = 9, threads = 2 })
local t = peacesim.run(peacesim.load("events.lua", { set = { form = "table" } }), { runs = 3000, seed = 9, threads = 2 })
assert(f.issues.share.count == t.issues.share.count, "share counts differ")
assert(f.front.mean == t.front.mean, "front means differ")
print("share", f.issues.share.count, "front", string.format("%.17g", f.front.mean))
