-- expect: string_meta_dump.lua:2: attempt to call a nil value \(method 'dump'\)
local s = ("x"):dump()
