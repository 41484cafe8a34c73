-- The budgets hold for the whole command: the instructions of event functions that a study's own
-- peacesim.run calls count against the command's budget, as the script's own do. 20,000 runs of
-- a `when` of about 1,000 instructions need some 400 million: they end at --lua-instructions
-- 10000000 and pass at the default 2e9 (then the command ends with exit 2 all the same: the
-- workers that run the script again cannot call peacesim.run).
issue "share" { no_deal = 0.5, breakdown = 0.05 }
party "A" { ideal = { share = 1 }, salience = { share = 1 }, war_cost = 0.02, noise = 12 }
party "B" { ideal = { share = 0 }, salience = { share = 1 }, war_cost = 0.02, noise = 12 }
event "e" { chance = 0.5, effects = { front = 0.001 },
  when = function(w) local x = 0 for i = 1, 200 do x = x + i end return w.front < 2 end }
local s = scenario { name = "study budget", rounds = 20 }
local r = peacesim.run(s, { runs = 20000, seed = 1 })
print("ran", r.runs)
return s
