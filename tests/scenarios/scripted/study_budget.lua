-- Event functions of a scenario a script runs itself get budgets of their own: 20,000 runs of
-- them take longer, and run more instructions, than the script's own budgets (--lua-seconds 1
-- --lua-instructions 10000000) without tripping them.
issue "share" { no_deal = 0.5, breakdown = 0.05 }
party "A" { ideal = { share = 1 }, salience = { share = 1 }, war_cost = 0.02, noise = 12 }
party "B" { ideal = { share = 0 }, salience = { share = 1 }, war_cost = 0.02, noise = 12 }
event "e" { chance = 0.5, effects = { front = 0.001 },
  when = function(w) local x = 0 for i = 1, 200 do x = x + i end return w.front < 2 end }
local s = scenario { name = "study budget", rounds = 20 }
local r = peacesim.run(s, { runs = 20000, seed = 1 })
print("ran", r.runs)
return s
