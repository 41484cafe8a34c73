-- expect: param_twice.lua:3: param 'x' is declared twice
param("x", 1)
param("x", 2)
