-- expect: worker_memory.lua:[0-9]+: the script used more than its memory budget of 64 MiB
-- args: --threads 4 --runs 5000 --lua-seconds 120
-- Each worker's copy of the script holds 24 MiB: four workers hold 96 MiB at once, past the one
-- budget of 64 MiB for the command (each had the whole budget to itself before). With
-- --threads 1 it runs.
issue "share" { no_deal = 0.5 }
party "A" { ideal = { share = 1 }, salience = { share = 1 }, war_cost = 0.02 }
party "B" { ideal = { share = 0 }, salience = { share = 1 }, war_cost = 0.02 }
local big = {} for i = 1, 1500000 do big[i] = i end
event "e" { chance = 1, effects = { front = 0.001 }, when = function(w) return #big > 0 end }
return scenario { name = "worker memory", rounds = 5 }
