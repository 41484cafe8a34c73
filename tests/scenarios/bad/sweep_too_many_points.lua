-- expect: sweep_too_many_points.lua:5: peacesim.sweep: the grid has 6000 points; at most 64
local steps = {}
for i = 1, 100 do steps[i] = i / 1000 end
local weeks = {} for i = 1, 60 do weeks[i] = i end
peacesim.sweep("istanbul_2025.lua", { vary = { eu_sanctions_step = steps, weeks = weeks }, runs = 10 })
