-- expect: ultimatum_no_reservation.lua:5: scenario: party 'B': protocol 'ultimatum': the responder needs a 'reservation'
issue "share" {}
party "A" { ideal = { share = 1 }, salience = { share = 1 } }
party "B" { ideal = { share = 0 }, salience = { share = 1 } }
return scenario { name = "x", protocol = "ultimatum", proposer = "A" }
