-- expect: name_newline.lua:2: issue name holds a control character \(U\+000A, byte 4\): a name may hold none
issue "two\nlines" {}
party "A" { salience = { ["two\nlines"] = 1 } }
return scenario { name = "x" }
