-- A spoiler and a truce that can break down: what the briefs say of them (tests/cli/e2e.sh, brief_follows_the_scenario).
issue "truce" { no_deal = 0.5, breakdown = 0.01 }
party "A" { ideal = { truce = 1 }, salience = { truce = 1 }, war_cost = 0.01, deadline = 10 }
party "B" { ideal = { truce = 0 }, salience = { truce = 1 }, war_cost = 0.01, deadline = 10 }
party "S" { role = "spoiler", ideal = { truce = 0.5 }, salience = { truce = 0 } }
return scenario { name = "spoil", rounds = 10 }
