#!/usr/bin/env bash
# facts_tags.sh ROOT: every fact tag (F followed by digits) cited in ROOT/scenarios/ (every file),
# ROOT/docs/*.md and ROOT/README.md is defined in ROOT/docs/FACTS.md, and every fact defined there
# is cited somewhere. A fact is defined by a heading "## Fn: ..." in docs/FACTS.md, once.
# Spans: "F2-F3" and "F2–F3" (hyphen or en dash, the second F optional) cite every fact from the
# first to the last; "F1..F14" names a stretch of the list (the default scenario's header): each
# fact in it must be defined, but it cites none of them, so that the header cannot stand in for
# the citations. Tags inside docs/FACTS.md itself must be defined too, and cite nothing.
# Prints one line per problem, naming file, line and tag, and exits 1; exits 0 when all resolve,
# 2 when ROOT lacks docs/FACTS.md or defines no fact there.
set -u
root=${1:?usage: facts_tags.sh ROOT}
root=${root%/}
facts=$root/docs/FACTS.md
[ -f "$facts" ] || { echo "facts_tags.sh: $facts does not exist" >&2; exit 2; }
cited=()
while IFS= read -r -d '' f; do cited+=("$f"); done < <(find "$root/scenarios" -type f -print0 2>/dev/null | sort -z)
for f in "$root"/docs/*.md "$root/README.md"; do
  [ -f "$f" ] && [ "$f" != "$facts" ] && cited+=("$f")
done
[ ${#cited[@]} -gt 0 ] || cited=(/dev/null)   # nothing cites: awk must still not read standard input
# byte-wise (LC_ALL=C), so that the en dash is its three UTF-8 bytes in mawk and gawk alike
LC_ALL=C awk -v facts="$facts" -v root="$root/" '
function rel(path) { return index(path, root) == 1 ? substr(path, length(root) + 1) : path }
function problem(msg) { print msg; bad = 1 }
# every tag on line s of file path; cite: whether the file cites (every file but FACTS.md)
function scan(s, path, ln, cite,   pos, rest, pre, tag, lo, hi, span, j, k, dash) {
  dash = sprintf("%c%c%c", 226, 128, 147)
  pos = 0
  while (match(s, /F[0-9]+/)) {
    pre = pos + RSTART - 1 > 0 ? substr(line_text, pos + RSTART - 1, 1) : ""
    tag = substr(s, RSTART + 1, RLENGTH - 1)
    rest = substr(s, RSTART + RLENGTH)
    pos += RSTART + RLENGTH - 1
    s = rest
    if (pre ~ /[A-Za-z0-9_]/ || rest ~ /^[A-Za-z_]/) continue   # part of a word: 0xF1, F5key
    lo = hi = tag + 0
    span = ""
    # a span: spaces, then "-", an en dash or "..", spaces, an optional F and digits
    k = 0
    while (substr(rest, k + 1, 1) == " ") k++
    if (substr(rest, k + 1, 1) == "-") k += 1
    else if (substr(rest, k + 1, 2) == "..") k += 2
    else if (substr(rest, k + 1, 3) == dash) k += 3
    else k = -1
    if (k > 0) {
      while (substr(rest, k + 1, 1) == " ") k++
      if (substr(rest, k + 1, 1) == "F") k++
      if (match(substr(rest, k + 1), /^[0-9]+/) && substr(rest, k + 1 + RLENGTH, 1) !~ /[A-Za-z0-9_]/) {
        span = substr(rest, 1, k + RLENGTH)
        hi = substr(rest, k + 1, RLENGTH) + 0
        pos += k + RLENGTH
        s = substr(rest, k + RLENGTH + 1)
      }
    }
    if (hi < lo) { problem(rel(path) ":" ln ": F" tag span " runs backwards"); continue }
    for (j = lo; j <= hi; j++) {
      if (!(j in defined)) {
        problem(rel(path) ":" ln ": F" j (span != "" ? " (in F" tag span ")" : "") " is not defined in docs/FACTS.md")
        continue
      }
      if (cite && span !~ /\.\./) used[j] = 1
    }
  }
}
BEGIN {
  while ((getline line < facts) > 0) {
    ln++
    if (line ~ /^##[ \t]+F[0-9]+([^0-9A-Za-z_]|$)/) {
      match(line, /F[0-9]+/)
      n = substr(line, RSTART + 1, RLENGTH - 1) + 0
      if (n in defined) problem("docs/FACTS.md:" ln ": F" n " is defined twice (first at line " defined[n] ")")
      else { defined[n] = ln; order[++nfacts] = n }
    }
  }
  close(facts)
  if (nfacts == 0) { print "facts_tags.sh: " facts " defines no fact (no heading \"## Fn: ...\")"; exit 2 }
  # then the tags in FACTS.md outside its headings: they must resolve, and cite nothing
  ln = 0
  while ((getline line < facts) > 0) {
    ln++
    if (line ~ /^##[ \t]+F[0-9]+/) continue
    line_text = line
    scan(line, facts, ln, 0)
  }
  close(facts)
}
{ line_text = $0; scan($0, FILENAME, FNR, 1) }
END {
  if (nfacts == 0) exit 2
  for (i = 1; i <= nfacts; i++)
    if (!(order[i] in used))
      problem("docs/FACTS.md:" defined[order[i]] ": F" order[i] " is defined but cited nowhere in scenarios/, docs/ or README.md")
  exit bad
}' "${cited[@]}"
