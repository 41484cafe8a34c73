-- expect: csv_missing.lua:2: csv: cannot read .*/nowhere.csv: No such file or directory
local rows = csv("nowhere.csv")
