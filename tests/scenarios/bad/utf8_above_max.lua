-- expect: utf8_above_max.lua:3: party .A.: field .doc. is not valid UTF-8: above U\+10FFFF \(byte 1\)
issue "x" {}
party "A" { doc = "\u{110000}", salience = { x = 1 } }
return scenario { name = "x" }
