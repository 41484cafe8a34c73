-- expect: assumed_arithmetic.lua:3: an assumption \(assumed\(...\)\) is not a number the script can compute with
local noise = assumed(30, 15, 60, "how erratic a yes/no is")
local twice = 2 * noise
issue "share" {}
party "A" { noise = twice, salience = { share = 1 } }
return scenario { name = "arithmetic on an assumption" }
