-- expect: ephemerons.lua(:[0-9]+)?: the script ran past its time budget of 2.0 seconds
-- args: --lua-memory 256 --lua-seconds 2
-- Ephemeron tables (weak keys) chained so that the garbage collector's atomic phase converges in
-- one step per pass: quadratic work inside one allocation, where no hook fires: the watchdog ends it
-- ("... inside a library function or the garbage collector, where no check could stop it").
-- (Under valgrind the building alone runs past the budget, and the hook ends it.)
local n = 300000
local nodes = {}
for i = 1, n + 1 do nodes[i] = {} end
local mt = { __mode = "k" }
local tabs = {}
local order = {}
for i = 1, n do order[i] = i end
for i = n, 2, -1 do local j = math.random(i) order[i], order[j] = order[j], order[i] end
for _, i in ipairs(order) do local t = setmetatable({}, mt) t[nodes[i]] = nodes[i + 1] tabs[#tabs + 1] = t end
local keep = nodes[1]
nodes = nil
while true do local x = {} end
