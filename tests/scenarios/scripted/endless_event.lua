-- An event whose condition never returns: only the budgets, or SIGINT, end it.
issue "share" { no_deal = 0.5 }
party "A" { ideal = { share = 1 }, salience = { share = 1 }, war_cost = 0.02 }
party "B" { ideal = { share = 0 }, salience = { share = 1 }, war_cost = 0.02 }
event "forever" { chance = 1, effects = { front = 0.01 }, when = function(w) while true do end end }
return scenario { name = "endless", rounds = 10 }
