-- expect: too_many_issues.lua:2: issue 'I33': more than 32 issues \(the engine's limit\)
for i = 1, 33 do issue("I" .. i) {} end
party "A" { salience = { I1 = 1 } }
return scenario { name = "x" }
