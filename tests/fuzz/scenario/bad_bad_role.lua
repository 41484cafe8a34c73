-- expect: bad_role.lua:3: party 'A': field 'role' must be "signatory", "mediator", "guarantor" or "spoiler"
issue "share" {}
party "A" { role = "boss", salience = { share = 1 } }
return scenario { name = "x" }
