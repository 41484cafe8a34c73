-- expect: lag_range.lua:2: issue 'share': field 'fail' must be between 0 and 1, got 1.5
issue "share" { fail = 1.5 }
party "A" { salience = { share = 1 } }
return scenario { name = "x" }
