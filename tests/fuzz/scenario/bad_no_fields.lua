-- expect: no_fields.lua:3: party 'A': no fields given: write party "A" \{ ... \}
issue "share" {}
party "A"
return scenario { name = "x" }
