-- expect: text_carriage_return.lua:2: issue .x.: field .doc. holds a control character \(U\+000D, byte 5\): text may hold tabs and newlines, no other
issue "x" { doc = "line\r\nnext, and\ta tab" }
party "A" { salience = { x = 1 } }
return scenario { name = "x" }
