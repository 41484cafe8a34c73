-- expect: memory_in_pcall.lua:[0-9]+: the script used more than its memory budget of 64 MiB
-- args: --lua-seconds 120
local keep = {}
while true do pcall(function() keep[#keep + 1] = string.rep("y", 1e6) .. #keep end) end
