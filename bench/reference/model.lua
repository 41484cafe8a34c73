-- bench/reference/model.lua: the model of bench/scenarios/simple.lua in plain Lua, written as
-- fast as plain Lua allows (locals, no tables or strings made inside the loops), so that the
-- engine's speed is measured against a fair peer.
--   lua5.4 bench/reference/model.lua RUNS SEED
-- prints: runs, deals, mean terms of the deals, seconds
local runs = tonumber(arg[1]) or 100000
local seed = tonumber(arg[2]) or 1
local random, exp, clock = math.random, math.exp, os.clock
math.randomseed(seed)

local T, lambda = 20, 20.0
local deals, terms_sum = 0, 0.0
local t0 = clock()
for _ = 1, runs do
  local dA, dB = 0.5 * random(), 0.5 * random()
  local x = dA + 0.5 * (1.0 - dA - dB)          -- the Nash point, both linear, equal weights
  for t = 1, T do
    local f = t / T
    local aA = 1.0 - f * (1.0 - dA)               -- aspirations: from the ideal to the reservation
    local aB = 1.0 - f * (1.0 - dB)
    local pA = 1.0 / (1.0 + exp(-lambda * (x - aA)))
    local pB = 1.0 / (1.0 + exp(-lambda * ((1.0 - x) - aB)))
    local uA, uB = random(), random()
    if uA < pA and uB < pB then
      deals = deals + 1
      terms_sum = terms_sum + x
      break
    end
  end
end
local seconds = clock() - t0
print(string.format("%d %d %.10f %.6f", runs, deals, deals > 0 and terms_sum / deals or 0, seconds))
