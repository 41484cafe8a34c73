-- expect: loop_in_event.lua:6: the script ran past its time budget of 2.0 seconds .*event 'forever'.*replication 0, round 1
issue "share" { no_deal = 0.5 }
party "A" { ideal = { share = 1 }, salience = { share = 1 } }
party "B" { ideal = { share = 0 }, salience = { share = 1 } }
event "forever" { chance = 1, effects = function(w)
  while true do end
end }
return scenario { name = "forever", rounds = 5 }
