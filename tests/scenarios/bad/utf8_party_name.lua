-- expect: utf8_party_name.lua:3: party name is not valid UTF-8: a byte that starts no character \(byte 5\)
issue "x" {}
party "Kyiv\x80" { salience = { x = 1 } }
return scenario { name = "x" }
