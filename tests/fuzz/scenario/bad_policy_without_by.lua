-- expect: policy_without_by.lua:4: policy 'pressure': field 'by' must name a party, got nil
issue "share" {}
party "A" { salience = { share = 1 } }
policy "pressure" { effects = { sanctions = 0.1 } }
return scenario { name = "x" }
