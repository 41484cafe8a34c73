-- expect: string_metatable.lua:3: attempt to index a string value
-- the strings' metatable is hidden: what getmetatable gives is a plain string
getmetatable("").__index = {}
