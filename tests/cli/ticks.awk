# ticks.awk PAGE.html: no two tick labels of a chart overlap. Along an x axis (labels centred on
# one row) neighbours must be at least half their two widths apart, plus 2; along a y axis (labels
# right-aligned in one column) at least the font's height apart. Widths: DejaVu Sans advance widths
# (Debian's sans-serif), 0.64 em for a digit or letter, 0.95 for %, 0.32 for a point or a minus.
function width(s,   w, i, ch) {
  w = 0
  for (i = 1; i <= length(s); i++) {
    ch = substr(s, i, 1)
    if (ch == "%") w += 0.95; else if (ch == "." || ch == "-") w += 0.32; else w += 0.64
  }
  return w * 14
}
/<figure>/ { fig++ }
{
  line = $0
  while (match(line, /<text class="tick" x="[-0-9.]+" y="[-0-9.]+" text-anchor="(middle|end)">[^<]*<\/text>/)) {
    t = substr(line, RSTART, RLENGTH); line = substr(line, RSTART + RLENGTH)
    split(t, q, "\"")    # q[4] x, q[6] y, q[8] anchor
    lab = t; sub(/^[^>]*>/, "", lab); sub(/<.*$/, "", lab)
    along = q[8] == "middle" ? "x" : "y"
    key = fig ":" along ":" (along == "x" ? q[6] : q[4])
    at = along == "x" ? q[4] + 0 : q[6] + 0
    if (key in last) {
      gap = at - last[key]; if (gap < 0) gap = -gap
      need = along == "x" ? (width(lab) + lastw[key]) / 2 + 2 : 14
      if (gap < need) { printf "figure %d: tick labels '%s' and '%s' %.1f apart, need %.1f\n", fig, lastl[key], lab, gap, need; bad++ }
    }
    last[key] = at; lastw[key] = width(lab); lastl[key] = lab; n++
  }
}
END { if (n == 0) { print "no tick labels"; exit 1 } exit bad > 0 }
