-- expect: utf8_overlong_3byte.lua:3: event name is not valid UTF-8: an overlong form \(byte 1\)
issue "x" {}
event "\xe0\x80\xaf" { chance = 0.1, effects = { front = 0.1 } }
party "A" { salience = { x = 1 } }
return scenario { name = "x" }
