-- Six actors whose positions fall into a two-round cycle under the expected-utility model
-- (protocol "eum"): found by a search over sets of positions, capabilities and saliences in
-- tenths. From round 1, actors B and E swap between 0.6 and 0.7 every round, so the weighted
-- median alternates 0.7 (odd rounds) and 0.6 (even rounds): a run that settled at its last
-- round's median would settle by the parity of `rounds`. tests/unit/test_eum.c checks the cycle.
local rounds = param("rounds", 9, "rounds of challenges")
issue "x" {}
local actors = {
  { "A", 0.6, 0.8, 0.9 }, { "B", 0.6, 0.5, 0.5 }, { "C", 0.7, 0.4, 0.8 },
  { "D", 1.0, 0.7, 0.9 }, { "E", 0.0, 0.5, 0.2 }, { "F", 0.3, 0.2, 0.9 },
}
for _, a in ipairs(actors) do
  party(a[1]) { ideal = { x = a[2] }, capability = a[3], salience = { x = a[4] } }
end
return scenario { name = "six actors in a two-round cycle (EUM)", rounds = rounds, protocol = "eum" }
