-- expect: consent_k.lua:2: issue 'share': field 'consent': k = 3 must be between 1 and the 2 parties listed
issue "share" { consent = { "A", "B", k = 3 } }
party "A" { salience = { share = 1 } }
party "B" { salience = { share = 1 } }
return scenario { name = "x" }
