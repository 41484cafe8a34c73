-- expect: too_many_events.lua:4: event 'E257': more than 256 events and policies \(the engine's limit\)
issue "share" {}
party "A" { salience = { share = 1 } }
for i = 1, 257 do event("E" .. i) { chance = 0.1, effects = { front = 0.01 } } end
return scenario { name = "x" }
