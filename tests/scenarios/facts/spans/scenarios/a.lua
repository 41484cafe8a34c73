-- fixture for cli.facts_tags_spans: an en dash (F1–F2), a hyphen with the second F left out
-- (F3-4), a span across spaces (F5 – F5); 0xF9 and F9key are no tags (no ninth fact is defined)
issue "x" { no_deal = 0 }
