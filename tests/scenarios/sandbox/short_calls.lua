-- expect: short_calls.lua:9: the script ran past its budget of 1.0 million instructions
-- args: --lua-instructions 1000000 --lua-seconds 120 --runs 20000 --threads 1
-- A condition of a dozen instructions, called 400,000 times (20,000 runs of 20 rounds): each call
-- is far below a hook step of 1,000, so a count that started afresh at every call never fired.
-- The count runs on across calls: the command's 1 million instructions are spent in ~80,000 calls.
issue "share" { no_deal = 0.5 }
party "A" { ideal = { share = 1 }, salience = { share = 1 }, war_cost = 0.02, noise = 12 }
party "B" { ideal = { share = 0 }, salience = { share = 1 }, war_cost = 0.02, noise = 12 }
event "e" { chance = 0.5, effects = { front = 0.001 }, when = function(w) return w.front < 2 end }
return scenario { name = "short calls", rounds = 20 }
