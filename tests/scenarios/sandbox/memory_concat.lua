-- expect: memory_concat.lua(:[0-9]+)?: the script used more than its memory budget of 64 MiB
-- args: --lua-seconds 120
local s = "x"
while true do s = s .. s end
