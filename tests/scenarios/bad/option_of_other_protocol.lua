-- expect: option_of_other_protocol.lua:4: scenario: field 'horizon' has no effect under protocol 'mediated'
issue "share" {}
party "A" { salience = { share = 1 } }
return scenario { name = "x", horizon = 5 }
