-- expect: loop_instructions.lua:4: the script ran past its budget of 5.0 million instructions
-- args: --lua-instructions 5000000 --lua-seconds 120
local n = 0
while true do n = n + 1 end
