-- A scenario whose script spends `loop` million iterations (two Lua instructions each) before it
-- declares anything: a sweep runs it once per point, and every point draws on the command's one
-- budget (tests/cli/cli_tests.cmake: cli.sweep_budget_*).
local loop = param("loop", 15, "millions of iterations of busy work")
local x = 0 for i = 1, loop * 1000000 do x = x + i end
param("step", 1, "the swept param")
issue "share" { no_deal = 0.5 }
party "A" { ideal = { share = 1 }, salience = { share = 1 }, war_cost = 0.02, deadline = 5 }
party "B" { ideal = { share = 0 }, salience = { share = 1 }, war_cost = 0.02, deadline = 5 }
return scenario { name = "sweep budget", rounds = 5 }
