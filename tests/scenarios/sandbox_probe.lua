-- Every forbidden global and library function is absent from a scenario's environment.
local forbidden = { "io", "os", "debug", "package", "require", "load", "loadstring", "dofile",
                    "loadfile", "collectgarbage", "module", "setfenv", "getfenv" }
for _, name in ipairs(forbidden) do
  assert(_ENV[name] == nil, name .. " is reachable")
  assert(_G[name] == nil, name .. " is reachable through _G")
end
assert(string.dump == nil, "string.dump is reachable")
assert(("").dump == nil, "string.dump is reachable through the string metatable")
assert(getmetatable("") == "string", "the strings' metatable is reachable")
-- what a scenario may use is there
assert(math.sqrt and string.format and table.concat and pairs and pcall and coroutine.wrap)
issue "share" {}
party "A" { ideal = { share = 1 }, salience = { share = 1 }, deadline = 2 }
return scenario { name = "probe", rounds = 2 }
