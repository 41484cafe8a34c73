-- expect: csv_missing_column.lua:2: csv: no_salience.csv: the header has no column 'salience' \(it has: actor, capability, position\)
local rows = csv("no_salience.csv", { columns = { "actor", "salience" } })
