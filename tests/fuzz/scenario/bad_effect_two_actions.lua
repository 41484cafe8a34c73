-- expect: effect_two_actions.lua:4: event 'strike': an effect must do one thing
issue "share" {}
party "A" { salience = { share = 1 } }
event "strike" { chance = 0.5, effects = { front = 0.1, sanctions = 0.1 } }
return scenario { name = "x" }
