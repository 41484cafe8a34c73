-- expect: when_function_error.lua:6: attempt to compare string with number \(in the 'when' function of event 'e'\) \(replication 0, round 1\)
issue "share" { no_deal = 0.5 }
party "A" { ideal = { share = 1 }, salience = { share = 1 } }
party "B" { ideal = { share = 0 }, salience = { share = 1 } }
event "e" { chance = 1, effects = { front = 0.1 },
  when = function(w) return w.front > "x" end }
return scenario { name = "when error", rounds = 5 }
