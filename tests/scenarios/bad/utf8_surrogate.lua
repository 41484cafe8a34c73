-- expect: utf8_surrogate.lua:2: issue .x.: field .doc. is not valid UTF-8: a surrogate \(U\+D800 to U\+DFFF\) \(byte 4\)
issue "x" { doc = "it \u{D83D}\u{DD4A}" }
party "A" { salience = { x = 1 } }
return scenario { name = "x" }
