-- expect: name_nul.lua:3: party name holds a control character \(U\+0000, byte 2\)
issue "x" {}
party "A\0B" { salience = { x = 1 } }
return scenario { name = "x" }
