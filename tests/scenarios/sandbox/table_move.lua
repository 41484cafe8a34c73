-- expect: table_move.lua:[0-9]+: the script ran past its time budget of 2\.0 seconds
table.move({}, 1, 1e15, 2)
