-- expect: name_control_escape.lua:3: party name holds a control character \(U\+001B, byte 1\): a name may hold none
issue "x" {}
party "\x1b[2J" { salience = { x = 1 } }
return scenario { name = "x" }
