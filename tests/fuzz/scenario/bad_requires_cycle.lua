-- expect: requires_cycle.lua:6: scenario: issue 'a': field 'requires': the preconditions form a cycle
issue "a" { requires = { "b" } }
issue "b" { requires = { a = "implemented" } }
party "A" { salience = { a = 1 } }
party "B" { salience = { b = 1 } }
return scenario { name = "x" }
