-- expect: utf8_param_value.lua:2: param .label.: the default is not valid UTF-8: an overlong form \(byte 1\)
local label = param("label", "\xc0\x80", "a text param")
issue "x" {}
party "A" { salience = { x = 1 } }
return scenario { name = "x" }
