-- A study that uses peacesim.sensitivity; the e2e test checks its numbers against the command
-- line's `peacesim sensitivity` with the same settings and seed.
local s = peacesim.load("sensitivity_assumed.lua")
for _, m in ipairs({ "oat", "morris", "sobol" }) do
  local r = peacesim.sensitivity(s, { method = m, runs = 300, seed = 4, trajectories = 4, samples = 16, bootstrap = 50 })
  assert(r.schema == "peacesim.sensitivity/2" and r.method == m, m)
  for _, o in ipairs(r.outputs) do
    for j, e in ipairs(o.effects) do
      local v = m == "oat" and e.swing or m == "morris" and e.mu_star or e.total
      print(m, o.name, j - 1, e.factor, v == nil and "null" or string.format("%.17g", v))
    end
  end
end
