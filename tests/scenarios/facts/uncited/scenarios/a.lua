-- fixture for cli.facts_tags_uncited: every number cites one of F1..F3
issue "x" { no_deal = 0 }   -- F1
