-- expect: proposer_not_in_issue.lua:6: scenario: field 'proposer': party 'C' is not one of the two parties of issue 'share'
issue "share" { consent = { "A", "B" } }
party "A" { ideal = { share = 1 }, salience = { share = 1 } }
party "B" { ideal = { share = 0 }, salience = { share = 1 }, reservation = 0.2 }
party "C" { salience = { share = 1 } }
return scenario { name = "x", protocol = "ultimatum", proposer = "C" }
