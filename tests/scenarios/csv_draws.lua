-- The per-replication CSV's drawn values (tests/cli/e2e.sh, csv_has_the_draws). Two draws decide an
-- outcome by a rule checked row by row: issue "a" is agreed before the talks at its drawn terms, so
-- a.terms is the draw; issue "b" is voted on a fixed text drawn once per replication, so whenever
-- it is agreed b.terms is that draw. A's war cost and the event's chance are drawn too, and named.
issue "a" { agreed = uniform(0.1, 0.9) }
issue "b" { proposal = uniform(0.2, 0.8), no_deal = 0.5 }
party "A" { ideal = { a = 1, b = 1 }, salience = { a = 1, b = 1 }, war_cost = normal(0.01, 0.002), noise = 8, deadline = 6 }
party "B" { ideal = { a = 0, b = 0 }, salience = { a = 1, b = 1 }, war_cost = 0.01, noise = 8, deadline = 6 }
event "storm" { chance = beta(2, 8), effects = { front = 0.05 } }
return scenario { name = "csv draws", rounds = 6,
                  front = { issue = "a", up = "A", down = "B", start = 0.5, sigma = 0.01 } }
