-- expect: front_same_party.lua:4: scenario: front: 'up' and 'down' must be different parties
issue "land" { no_deal = "front" }
party "A" { salience = { land = 1 } }
return scenario { name = "x", front = { issue = "land", up = "A", down = "A" } }
