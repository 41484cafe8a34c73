-- expect: memory_rep.lua(:[0-9]+)?: the script used more than its memory budget of 64 MiB
-- args: --lua-seconds 120
local s = string.rep("x", 1e9)
