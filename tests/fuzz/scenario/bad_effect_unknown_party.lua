-- expect: effect_unknown_party.lua:4: event 'call': field 'effects.party': no party is named 'Z'
issue "share" {}
party "A" { salience = { share = 1 } }
event "call" { chance = 0.5, effects = { trust = 0.1, party = "Z" } }
return scenario { name = "x" }
