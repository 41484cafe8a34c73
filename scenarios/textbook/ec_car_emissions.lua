-- Bueno de Mesquita's expected-utility model (EUM) on the European Community's car-emission
-- standards (Bueno de Mesquita 1994; Scholz, Calbert and Smith 2011).
--
-- What it teaches: how a group decision forms when actors challenge, compromise and give way.
-- Ten member states hold positions on when strict standards should apply (4 to 10 years), with
-- a capability and a salience (0-100). Each round every actor weighs challenging each other;
-- offers follow; each takes one; all move at once. The forecast is the weighted median (and
-- mean) of positions, weights capability x salience. The published run: the median moves from
-- 7 years to about 8.4 after one round and towards 9.6-10 after a few. The positions never stop
-- moving: after 10 rounds the issue is not agreed (the summary says "still moving"), and with
-- --set rounds=200 they fall into a cycle of 18 rounds (docs/MODEL.md 5.9, docs/VALIDATION.md 10).
--
-- Positions are mapped to the issue's 0-1 scale: x = (years - 4) / 6. Saliences become the
-- chance an actor resists, salience / 100. The data: bdm_ec_car_emissions.csv, beside this file.
--
--   peacesim run scenarios/textbook/ec_car_emissions.lua --runs 1 --json -
local rounds = param("rounds", 10, "rounds of challenges (Scholz et al. report 8; their code's example runs 10)")
local offer = param("offer", "scholz", "how an actor picks among compromises: scholz (their code) or least_move (their text)")
local first, last = 4, 10   -- the data's scale: years until strict standards apply

issue "emissions" { doc = "Years until strict car-emission standards apply, 4 to 10, on 0-1.",
                    low = "4 years", high = "10 years" }

local columns = { "actor", "capability", "position", "salience" }
for _, row in ipairs(csv("bdm_ec_car_emissions.csv", { columns = columns, numbers = { "capability", "position", "salience" } })) do
  party(row.actor) {
    capability = row.capability,
    ideal = { emissions = (row.position - first) / (last - first) },
    salience = { emissions = row.salience / 100 },
  }
end

return scenario { name = "EC car-emission standards (EUM)", rounds = rounds, protocol = "eum", eum_offer = offer }
