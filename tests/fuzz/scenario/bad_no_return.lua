-- expect: no_return.lua: the script declares issues, parties or events but returns no scenario: end it with .return scenario \{ ... \}.
issue "share" {}
party "A" { salience = { share = 1 } }
scenario { name = "x" }
