-- Names as long as they may be, in characters of 2, 3 and 4 bytes: every output must cut them
-- on a character boundary (the table's 16-character column, a role sheet's description, the
-- scenario's 127-byte name) and keep them whole where it can (JSON, CSV).
local euros = string.rep("€", 21)                       -- 63 bytes, the longest name
local region = "Запоріжжя-Херсон-Донецьк-Луган"          -- 30 characters, 57 bytes
issue(euros) { doc = string.rep("é", 150), low = string.rep("ж", 60), high = "🕊 " .. string.rep("€", 40),
               options = { "немає", "половина", string.rep("ж", 31) } }
issue "ceasefire" { freezes_front = true }
party(region) { ideal = { [euros] = "половина", ceasefire = normal(0.7, 0.1) }, salience = { [euros] = 1, ceasefire = 1 },
                doc = string.rep("🕊", 70), noise = 8, deadline = 8 }
party "B" { ideal = { [euros] = 0, ceasefire = 0.2 }, salience = { [euros] = 1, ceasefire = 1 }, noise = 8, deadline = 8 }
event(string.rep("ї", 31)) { chance = 0.2, effects = { shift = 0.05, party = "B", issue = "ceasefire" } }
return scenario { name = string.rep("€", 50), rounds = 8 }
