-- expect: effect_inf.lua:4: event 'e': field 'effects.front' must be a finite number, got inf
issue "share" {}
party "A" { salience = { share = 1 } }
event "e" { chance = 1, effects = { front = 1/0 } }
return scenario { name = "x" }
