-- expect: compare_option.lua:3: peacesim.compare: unknown option 'sead'
local s = peacesim.load("istanbul_2025.lua")
peacesim.compare(s, s, { sead = 3 })
