-- expect: utf8_cut_character.lua:2: issue .x.: field .low. is not valid UTF-8: a cut character \(byte 3\)
issue "x" { low = "50\xe2\x82", high = "100 \xe2\x82\xac" }
party "A" { salience = { x = 1 } }
return scenario { name = "x" }
