-- expect: spec_metatable.lua:5: party 'A': its table of fields has a metatable: give the fields as they are
-- Fields inherited through __index were read by the conversion but never checked against the
-- known names (a field read twice could even change between the reads): refused.
local base = { war_cost = 0.01 }
party "A" (setmetatable({ ideal = { land = 0.2 }, salience = { land = 1 } }, { __index = base }))
issue "land" {}
return scenario { name = "x" }
