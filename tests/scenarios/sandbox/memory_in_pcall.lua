-- expect: memory_in_pcall.lua: the script used more than its memory budget of 64 MiB|time budget
local keep = {}
while true do pcall(function() keep[#keep + 1] = string.rep("y", 1e6) .. #keep end) end
