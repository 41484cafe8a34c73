-- expect: utf8_option.lua:2: issue .x.: field .options\[2\]. is not valid UTF-8: a byte that starts no character \(byte 4\)
issue "x" { options = { "none", "all\xff" } }
party "A" { salience = { x = 1 } }
return scenario { name = "x" }
