-- expect: utf8_param_name.lua:2: param name is not valid UTF-8: a byte that starts no character \(byte 2\)
local w = param("w\xbfeeks", 10)
issue "x" {}
party "A" { salience = { x = 1 } }
return scenario { name = "x", rounds = w }
