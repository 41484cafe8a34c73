-- expect: worker_copies.lua:9: the script ran past its budget of 150.0 million instructions
-- args: --lua-instructions 150000000 --lua-seconds 120 --threads 2 --runs 3000
-- Each worker thread runs the script again for its own copy of the event functions: three runs
-- of 60 million instructions (the first, and one per worker) pass one budget of 150 million only
-- if each copy gets a budget of its own. (With --threads 1, two runs, 120 million: it passes.)
issue "share" { no_deal = 0.5 }
party "A" { ideal = { share = 1 }, salience = { share = 1 }, war_cost = 0.02 }
party "B" { ideal = { share = 0 }, salience = { share = 1 }, war_cost = 0.02 }
local x = 0 for i = 1, 30000000 do x = x + i end
event "e" { chance = 1, effects = { front = 0.001 }, when = function(w) return x > 0 end }
return scenario { name = "worker copies", rounds = 5 }
