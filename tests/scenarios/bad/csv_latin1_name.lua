-- expect: csv_latin1_name.lua:5: party name is not valid UTF-8: a byte that starts no character \(byte 2\)
-- a data file in Latin-1 (Köln as K, 0xF6, l, n): its names are refused where they become names
issue "x" {}
for _, row in ipairs(csv("latin1_names.csv", { numbers = { "capability" } })) do
  party(row.actor) { capability = row.capability, salience = { x = 1 } }
end
return scenario { name = "x" }
