-- fixture for cli.facts_tags_dangling
issue "x" { no_deal = 0 }   -- F1, F2
party "A" { ideal = { x = 1 }, salience = { x = 1 } }   -- F3: a tag no fact defines
