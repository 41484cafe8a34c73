-- expect: unknown_party_in_consent.lua:2: issue 'share': field 'consent': no party is named 'C'
issue "share" { consent = { "A", "C" } }
party "A" { salience = { share = 1 } }
return scenario { name = "x" }
