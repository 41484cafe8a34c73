-- expect: param_doc_control.lua:2: param .w.: its description holds a control character \(U\+0007, byte 3\)
local w = param("w", 10, "ri\x07ng")
issue "x" {}
party "A" { salience = { x = 1 } }
return scenario { name = "x", rounds = w }
