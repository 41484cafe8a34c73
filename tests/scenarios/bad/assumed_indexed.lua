-- expect: assumed_indexed.lua:3: an assumption \(assumed\(...\)\) is a number: it has no fields, length or call
local noise = assumed(30, 15, 60, "how erratic a yes/no is")
local part = noise.low
issue "share" {}
party "A" { noise = part, salience = { share = 1 } }
return scenario { name = "an assumption indexed" }
