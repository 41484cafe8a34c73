-- expect: signatory_without_salience.lua:5: scenario: party 'B': field 'salience': a signatory must care about some issue
issue "share" {}
party "A" { salience = { share = 1 } }
party "B" { ideal = { share = 0 } }
return scenario { name = "x" }
