-- expect: name_del.lua:2: issue name holds a control character \(U\+007F, byte 4\)
issue "red\x7f" {}
party "A" { salience = { ["red\x7f"] = 1 } }
return scenario { name = "x" }
