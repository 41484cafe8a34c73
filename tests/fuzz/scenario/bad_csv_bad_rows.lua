-- expect: csv_bad_rows.lua:2: csv: bad_rows.csv: line 2: 3 fields, but the header names 2 columns
local rows = csv("bad_rows.csv")
