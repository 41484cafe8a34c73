-- expect: bad_when.lua:4: event 'e': field 'when': unknown field 'whenever'
issue "share" {}
party "A" { salience = { share = 1 } }
event "e" { chance = 1, when = { whenever = true }, effects = { front = 0.1 } }
return scenario { name = "x" }
