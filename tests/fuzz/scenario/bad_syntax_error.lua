-- expect: syntax_error.lua:2: unexpected symbol near '='
party "A" { capability = = 1 }
