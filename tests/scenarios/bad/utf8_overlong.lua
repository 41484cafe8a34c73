-- expect: utf8_overlong.lua:2: issue name is not valid UTF-8: an overlong form \(byte 2\)
issue "a\xc0\xaf" {}
party "A" { salience = { ["a/"] = 1 } }
return scenario { name = "x" }
