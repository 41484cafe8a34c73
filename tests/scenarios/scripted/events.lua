-- Events written twice: as tables (form = "table") and as Lua functions (form = "function") that
-- do exactly the same. Both forms must give the same numbers to the last bit (test_script.c).
local form = param("form", "function", "table: conditions and effects as tables; function: as Lua functions")
local fn = form == "function"

issue "share" { no_deal = 0.5, freezes_front = true, breakdown = 0.05 }
party "A" { ideal = { share = 1 }, salience = { share = 1 }, war_cost = 0.02, noise = 12, capability = uniform(0.8, 1.2), deadline = 20 }
party "B" { ideal = { share = 0 }, salience = { share = 1 }, war_cost = 0.02, noise = 12, capability = uniform(0.8, 1.2), deadline = 20 }

event "pressure" {
  chance = 0.3,
  when = fn and function(w)
    local st = w.issues.share.status
    return w.round > 2 and st ~= "agreed" and st ~= "in_force"
  end or { after = 2, not_agreed = "share" },
  effects = fn and function(w)
    w.sanctions = w.sanctions + 0.1
    w.parties.A.trust = w.parties.A.trust - 0.05
  end or { { sanctions = 0.1 }, { trust = -0.05, party = "A" } },
}

event "offensive" {
  rate = 0.5,
  when = fn and function(w) return not w.ceasefire and w.front < 0.7 end or { ceasefire = false, front_below = 0.7 },
  effects = fn and function(w) w.front = w.front + 0.01 end or { front = 0.01 },
}

policy "B moves" {
  by = "B",
  once = true,
  when = fn and function(w) return w.issues.share.refused end or { refused = "share" },
  effects = fn and function(w)
    local ideal = w.parties.B.ideal
    ideal.share = ideal.share + 0.1
    w.parties.B.war_cost = w.parties.B.war_cost + 0.01
  end or { { shift = 0.1, party = "B", issue = "share" }, { war_cost = 0.01, party = "B" } },
}

return scenario {
  name = "scripted events (" .. form .. ")", rounds = 20,
  front = { issue = "share", up = "A", down = "B", start = 0.5, drift = 0.02, sigma = 0.01 },
  sanctions = { start = 0, target = "B", bite = 0.3 },
}
