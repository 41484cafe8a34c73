-- expect: duplicate_party.lua:4: party 'A' is declared twice \(first at line 3\)
issue "share" {}
party "A" { salience = { share = 1 } }
party "A" { salience = { share = 1 } }
return scenario { name = "x" }
