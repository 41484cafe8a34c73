-- expect: coroutines.lua:6: the script ran past its budget of 10.0 million instructions
-- args: --lua-instructions 10000000 --lua-seconds 120
-- Each coroutine counts its instructions afresh: 200,000 of 400 instructions each (80 million
-- in all) never reached a hook step of their own. Each now pays one step when it is made.
for i = 1, 200000 do
  coroutine.wrap(function() local x = 0 for j = 1, 100 do x = x + j end end)()
end
