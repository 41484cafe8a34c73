-- expect: declared_after.lua:5: party 'B' is declared after scenario\{\}: declare everything before it
issue "share" {}
party "A" { salience = { share = 1 } }
local s = scenario { name = "x" }
party "B" { salience = { share = 1 } }
return s
