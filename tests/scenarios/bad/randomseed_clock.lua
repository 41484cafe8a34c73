-- expect: randomseed_clock.lua:2: math.randomseed needs a whole number: peacesim runs must repeat
math.randomseed()
issue "share" { no_deal = 0.5 }
party "A" { ideal = { share = 1 }, salience = { share = 1 } }
party "B" { ideal = { share = 0 }, salience = { share = 1 } }
return scenario { name = "clock", rounds = 5 }
