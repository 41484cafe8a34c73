-- expect: event_without_chance.lua:4: event 'strike': field 'chance' \(per round\) or 'rate' \(Poisson, per round\) is needed
issue "share" {}
party "A" { salience = { share = 1 } }
event "strike" { effects = { front = 0.1 } }
return scenario { name = "x" }
