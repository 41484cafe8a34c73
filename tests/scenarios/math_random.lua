-- math.random starts from a fixed seed: a script that uses it builds the same scenario every run.
local cost = 0.005 + 0.01 * math.random()
print("this line goes to stderr when --json - takes stdout")
issue "share" { no_deal = 0.5, freezes_front = true }
party "A" { ideal = { share = 1 }, salience = { share = 1 }, war_cost = cost, noise = 10, deadline = 8 }
party "B" { ideal = { share = 0 }, salience = { share = 1 }, war_cost = 0.01, noise = 10, deadline = 8 }
return scenario { name = "math.random", rounds = 8 }
