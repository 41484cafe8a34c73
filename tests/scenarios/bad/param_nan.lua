-- expect: param_nan.lua:2: param 'x': the default must be a finite number
local x = param("x", 0/0)
