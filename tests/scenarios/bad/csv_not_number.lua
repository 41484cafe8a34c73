-- expect: csv_not_number.lua:2: csv: not_number.csv: line 3: column 'capability': 'lots' is not a number
local rows = csv("not_number.csv", { numbers = { "capability", "position" } })
