-- expect: scenario_twice.lua:5: scenario\{\} is called twice
issue "share" {}
party "A" { salience = { share = 1 } }
local s = scenario { name = "x" }
return scenario { name = "y" }
