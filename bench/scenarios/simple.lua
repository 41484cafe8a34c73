-- The simple model the plain-Lua reference (bench/reference/model.lua) also implements: two
-- parties split one issue; each has a reservation utility drawn uniform on [0, 0.5]; each round
-- the mediator proposes the Nash point d_A + (1 - d_A - d_B) / 2; each accepts with logit
-- precision 20 against an aspiration falling linearly from 1 to its reservation over 20 rounds
-- (its deadline: the reference's T = 20).
issue "share" {}
party "A" { ideal = { share = 1 }, salience = { share = 1 }, reservation = uniform(0, 0.5), noise = 20, deadline = 20 }
party "B" { ideal = { share = 0 }, salience = { share = 1 }, reservation = uniform(0, 0.5), noise = 20, deadline = 20 }
return scenario { name = "simple", rounds = 20 }
