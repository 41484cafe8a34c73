-- expect: effects_mixed.lua:4: event 'e': field 'effects': a list of effects cannot also have named fields
issue "share" {}
party "A" { salience = { share = 1 } }
event "e" { chance = 1, effects = { { front = 0.1 }, sanctions = 0.2 } }
return scenario { name = "x" }
