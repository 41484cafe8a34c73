-- expect: loadstring.lua:2: attempt to call a nil value \(global 'loadstring'\)
loadstring("return 1")
