-- expect: no_issue.lua:3: scenario: no issue is declared
party "A" {}
return scenario { name = "x" }
