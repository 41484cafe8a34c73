-- expect: doc_not_string.lua:3: party 'A': field 'doc' must be a string, got number
issue "share" {}
party "A" { doc = 42, salience = { share = 1 } }
return scenario { name = "x" }
