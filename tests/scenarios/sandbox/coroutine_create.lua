-- expect: coroutine_create.lua:5: the script ran past its budget of 10.0 million instructions
-- args: --lua-instructions 10000000 --lua-seconds 120
-- As coroutines.lua, through coroutine.create and coroutine.resume.
for i = 1, 200000 do
  coroutine.resume(coroutine.create(function() local x = 0 for j = 1, 100 do x = x + j end end))
end
