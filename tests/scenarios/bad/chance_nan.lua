-- expect: chance_nan.lua:4: event 'e': field 'chance' must be a finite number, got NaN
issue "share" {}
party "A" { salience = { share = 1 } }
event "e" { chance = 0/0, effects = { front = 0.1 } }
return scenario { name = "x" }
