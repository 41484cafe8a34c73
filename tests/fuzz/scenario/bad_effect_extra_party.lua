-- expect: effect_extra_party.lua:4: event 'e': effect 'front' takes no 'party'
issue "share" {}
party "A" { salience = { share = 1 } }
event "e" { chance = 1, effects = { front = 0.1, party = "A" } }
return scenario { name = "x" }
