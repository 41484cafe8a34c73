-- A generated scenario for the scaling benchmark: `parties` parties on `issues` issues for
-- `rounds` rounds, built so that the talks never end (every party asks for its ideal: full
-- distrust, full premium), so every round does the full work of a round. Not a model of anything.
local np = param("parties", 4, "number of parties, 2 to 64")
local ni = param("issues", 4, "number of issues, 1 to 32")
local nr = param("rounds", 26, "number of rounds")

for k = 1, ni do issue("I" .. k) {} end
for i = 1, np do
  local ideal, salience = {}, {}
  for k = 1, ni do
    ideal["I" .. k] = ((i + k) % 2 == 0) and 0.1 + 0.01 * (i % 7) or 0.9 - 0.01 * (k % 5)
    salience["I" .. k] = 1 + (i * k) % 3
  end
  party("P" .. i) { ideal = ideal, salience = salience, capability = 1 + i % 4, trust = 0, premium = 1, noise = 20,
                    war_cost = 0.002 }
end
return scenario { name = "generated", rounds = nr }
