# colours.awk PAGE.html: prints "colour name" for every place a chart or table of the page gives a
# headline (the comprehensive agreement or an issue) a colour: a legend's line or square, a bar
# beside its label, a table's swatch. The caller checks that each name has one colour, and that
# names do not share one.
{
  line = $0
  # a legend entry: its line or square, then its name
  while (match(line, /(stroke|fill)="#[0-9A-Fa-f]+"[^>]*\/><text class="tick" x="[^"]*" y="[^"]*">[^<]*<\/text>/)) {
    t = substr(line, RSTART, RLENGTH); line = substr(line, RSTART + RLENGTH)
    c = t; sub(/^[a-z]+="/, "", c); sub(/".*$/, "", c)
    n = t; sub(/^.*">/, "", n); sub(/<\/text>$/, "", n)
    print c, n
  }
  line = $0
  # a table's swatch, then the name
  while (match(line, /<span class="swatch" style="background:#[0-9A-Fa-f]+"><\/span>[^<]*</)) {
    t = substr(line, RSTART, RLENGTH); line = substr(line, RSTART + RLENGTH)
    c = t; sub(/^.*background:/, "", c); sub(/".*$/, "", c)
    n = t; sub(/^.*<\/span>/, "", n); sub(/<$/, "", n)
    print c, n
  }
  # a bar of the probability chart: its label, then on the next line its rect
  if (label != "" && match($0, /^<rect x="[^"]*" y="[^"]*" width="[^"]*" height="26" fill="#[0-9A-Fa-f]+"/)) {
    c = substr($0, RSTART, RLENGTH); sub(/^.*fill="/, "", c); sub(/"$/, "", c)
    print c, label
  }
  label = ""
  if (match($0, /<text class="label" x="[^"]*" y="[^"]*" text-anchor="end">[^<]*<\/text>$/)) {
    label = substr($0, RSTART, RLENGTH); sub(/<\/text>$/, "", label); sub(/^.*>/, "", label)
  }
}
