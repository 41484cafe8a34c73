-- expect: effects_number.lua:5: event 'e': field 'effects' must be a table \(one effect, or a list of them\) or a function\(w\)
issue "share" { no_deal = 0.5 }
party "A" { ideal = { share = 1 }, salience = { share = 1 } }
party "B" { ideal = { share = 0 }, salience = { share = 1 } }
event "e" { chance = 1, effects = 3 }
return scenario { name = "effects", rounds = 5 }
