-- expect: name_c1.lua:3: policy name holds a control character \(U\+009B, byte 2\)
issue "x" {}
policy "p\u{9B}" { by = "A", effects = { front = 0.1 } }
party "A" { salience = { x = 1 } }
return scenario { name = "x" }
