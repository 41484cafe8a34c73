-- expect: too_many_parties.lua:3: party 'P65': more than 64 parties \(the engine's limit\)
issue "share" {}
for i = 1, 65 do party("P" .. i) { salience = { share = 1 } } end
return scenario { name = "x" }
