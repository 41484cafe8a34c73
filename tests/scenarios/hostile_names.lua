-- Names and descriptions that would be Markdown or HTML if written raw: every sheet of
-- `peacesim brief` must show them as the words they are (tests/cli/e2e.sh, brief_escapes_scenario_text).
issue "[share](http://x.example)" {
  doc = "Line one\n# not a heading\n- not a list\n<script>alert(1)</script> | cell",
  options = { "`code`", "_under_", "a|b" },
  no_deal = "`code`",
}
issue "line" {
  doc = "1. not a numbered list",
  low = "$x$ & <i>", high = "~~struck~~",
  no_deal = 0.5,
}
party "<script>alert(1)</script>" {
  doc = "   # an indented heading",
  ideal = { ["[share](http://x.example)"] = "_under_", line = 0 },
  salience = { ["[share](http://x.example)"] = 0.5, line = 0.5 },
  deadline = 5,
}
party "A|B *star*" {
  doc = "first line\n\nsecond\tline",
  ideal = { ["[share](http://x.example)"] = "a|b", line = 1 },
  salience = { ["[share](http://x.example)"] = 0.5, line = 0.5 },
  deadline = 5,
}
event "<img src=x onerror=alert(1)>" {
  doc = "> a quote\n\nand a line",
  chance = 0.1,
  effects = { { trust = -0.01, party = "A|B *star*" } },
}
return scenario {
  name = "<b>Hostile</b> & names | all",
  doc = "+ not a list\n\n## not a heading",
  rounds = 5,
}
