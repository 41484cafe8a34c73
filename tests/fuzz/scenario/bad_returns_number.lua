-- expect: returns_number.lua: the script must end with .return scenario \{ ... \}. \(it returned a number\)
return 42
