-- expect: utf8_scenario_name.lua:4: scenario: field .name. is not valid UTF-8: a cut character \(byte 6\)
issue "x" {}
party "A" { salience = { x = 1 } }
return scenario { name = "talks\xd0" }
