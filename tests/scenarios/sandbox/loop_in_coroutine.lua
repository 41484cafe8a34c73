-- expect: loop_in_coroutine.lua:[0-9]+: the script ran past its time budget
local co = coroutine.wrap(function() while true do end end)
while true do pcall(co) end
