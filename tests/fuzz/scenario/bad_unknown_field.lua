-- expect: unknown_field.lua:3: party 'A': unknown field 'capabilty' \(known: .*capability
issue "share" {}
party "A" { capabilty = 2, salience = { share = 1 } }
return scenario { name = "x" }
