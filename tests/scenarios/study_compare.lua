-- A study script: it returns no scenario; it loads the default scenario twice (the second time
-- with a tougher EU sanctions step), runs both on the same seed and prints what it compares.
local base = peacesim.load("istanbul_2025.lua")
local r = peacesim.run(base, { runs = 3000, seed = 5 })
print("ceasefire_count", r.issues.ceasefire.count)
print("agreement_count", r.agreement.count)
local tough = peacesim.load("istanbul_2025.lua", { set = { eu_sanctions_step = 0.3 } })
local t = peacesim.run(tough, { runs = 3000, seed = 5 })
print("tough_ceasefire_count", t.issues.ceasefire.count)
print("schema", r.schema, "runs", r.runs, "survival", #r.time_to_agreement.survival)
