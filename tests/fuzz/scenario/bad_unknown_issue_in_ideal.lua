-- expect: unknown_issue_in_ideal.lua:3: party 'A': field 'ideal': no issue is named 'shares'
issue "share" {}
party "A" { ideal = { shares = 1 }, salience = { share = 1 } }
return scenario { name = "x" }
