-- expect: front_field_prefix.lua:4: scenario: field 'front.up': no party is named 'Z'
issue "land" { no_deal = "front" }
party "A" { salience = { land = 1 } }
return scenario { name = "x", front = { issue = "land", up = "Z", down = "A" } }
