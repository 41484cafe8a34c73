-- expect: run_unknown_option.lua:5: peacesim.run: unknown option 'sead'
issue "share" {}
party "A" { salience = { share = 1 } }
local s = scenario { name = "x" }
peacesim.run(s, { runs = 10, sead = 3 })
