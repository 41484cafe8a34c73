-- expect: utf8_point.lua:2: issue .x.: field .points. is not valid UTF-8: an overlong form \(byte 1\)
issue "x" { points = { ["\xc1\x81"] = 0.3 } }
party "A" { salience = { x = 1 } }
return scenario { name = "x" }
