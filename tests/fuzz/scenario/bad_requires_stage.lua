-- expect: requires_stage.lua:3: issue 'b': field 'requires': issue 'a' must be "agreed" or "implemented", got "done"
issue "a" {}
issue "b" { requires = { a = "done" } }
party "A" { salience = { a = 1 } }
return scenario { name = "x" }
