-- expect: require.lua:2: attempt to call a nil value \(global 'require'\)
require("os")
