-- A function that keeps `w` past its call: using it later is an error, never a read of freed
-- memory (the proxies outlive the context they reach the engine by).
issue "share" { no_deal = 0.5 }
party "A" { ideal = { share = 1 }, salience = { share = 1 } }
party "B" { ideal = { share = 0 }, salience = { share = 1 } }
local saved
event "e" { chance = 1, effects = { front = 0.1 }, when = function(w) saved = w; return false end }
local s = scenario { name = "kept world", rounds = 3 }
peacesim.run(s, { runs = 1, threads = 1 })
print(pcall(function() return saved.front end))
return s
