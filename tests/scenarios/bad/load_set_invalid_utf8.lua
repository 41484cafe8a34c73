-- expect: istanbul_2025.lua:[0-9]+: peacesim.load set unconditional_ceasefire: the value is not valid UTF-8: an overlong form \(byte 1\)
-- a param set from a study script, as --set sets it from the command line: checked before it is read (the message names the param's line)
peacesim.load("istanbul_2025.lua", { set = { unconditional_ceasefire = "\xc0\xaf" } })
