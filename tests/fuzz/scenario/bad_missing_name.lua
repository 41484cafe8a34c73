-- expect: missing_name.lua:4: scenario: field 'name' must be a string
issue "share" {}
party "A" { ideal = { share = 1 }, salience = { share = 1 } }
return scenario { rounds = 10 }
