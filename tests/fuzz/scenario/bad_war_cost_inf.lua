-- expect: war_cost_inf.lua:3: party 'A': field 'war_cost' must be a finite number
issue "share" {}
party "A" { war_cost = math.huge, salience = { share = 1 } }
return scenario { name = "x" }
