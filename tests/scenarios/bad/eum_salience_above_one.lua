-- expect: eum_salience_above_one.lua:4: scenario: party 'A': field 'salience.share': under protocol 'eum' a salience is the chance to resist, in \[0, 1\]
issue "share" {}
party "A" { salience = { share = 80 } }
return scenario { name = "x", protocol = "eum" }
