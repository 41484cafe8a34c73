-- expect: load_set_not_table.lua:2: peacesim.load: set must be a table of name = value
peacesim.load("istanbul_2025.lua", { set = 5 })
