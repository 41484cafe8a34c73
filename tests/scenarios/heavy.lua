-- A replication that takes most of a second: 48 parties, 24 issues, 10,000 rounds of mediated
-- talks that never agree (noise almost 0, ideals apart). What SIGINT must stop within a round.
for k = 1, 24 do issue("i" .. k) { no_deal = 0.5 } end
for i = 1, 48 do
  local ideal, salience = {}, {}
  for k = 1, 24 do ideal["i" .. k] = i % 2 == 0 and 0.9 or 0.1; salience["i" .. k] = 1 end
  party("p" .. i) { ideal = ideal, salience = salience, war_cost = 0, noise = 1e-9, deadline = 10000 }
end
return scenario { name = "heavy", rounds = 10000 }
