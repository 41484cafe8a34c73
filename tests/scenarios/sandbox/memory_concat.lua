-- expect: memory_concat.lua: the script used more than its memory budget of 64 MiB
local s = "x"
while true do s = s .. s end
