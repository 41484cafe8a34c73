-- expect: load_set_unknown.lua:2: peacesim.load set wekes: the script has no param named 'wekes'
peacesim.load("istanbul_2025.lua", { set = { wekes = 5 } })
