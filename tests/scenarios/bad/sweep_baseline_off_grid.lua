-- expect: sweep_baseline_off_grid.lua:2: peacesim.sweep: baseline is not a point of the grid
peacesim.sweep("istanbul_2025.lua", { vary = { eu_sanctions_step = { 0, 0.1 } }, baseline = { eu_sanctions_step = 0.5 }, runs = 10 })
