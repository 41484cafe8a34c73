#!/usr/bin/env bash
# browser.sh KIND PEACESIM PNG_CHECK WORKDIR SCENARIOS CHROMIUM: makes an HTML report of KIND
# (run, sweep or sensitivity) and checks it as a reader would get it: self-contained (no script,
# nothing fetched), every chart with a title and a text alternative, loaded by headless Chromium
# without a console message, a screenshot that is not blank, and A4 pages when printed.
set -euo pipefail
kind=$1 ps=$2 pc=$3 work=$4 scen=$5 chromium=$6
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work" && cd "$work"
case $kind in
run)
  "$ps" run --runs 5000 --json r.json --report r.html --quiet
  "$ps" report r.json -o r2.html
  cmp r.html r2.html || fail "run --report and peacesim report differ"
  charts=9 ;;    # the run's 4 charts, and the band of each of its 5 outputs (4 issues, the agreement)
sweep)
  "$ps" sweep --vary eu_sanctions_step=0:0.3:0.1 --runs 3000 --worlds 8 --world-runs 500 --json r.json --quiet
  "$ps" report r.json    # beside it, as r.html
  charts=5 ;;    # P(deal), the difference, the terms, the rounds, and the difference across worlds
sensitivity)
  "$ps" sensitivity "$scen/sensitivity.lua" --runs 3000 --json r.json --quiet
  "$ps" report r.json -o r.html
  charts=4 ;;   # P(deal) of the agreement and of the issue, its terms, the rounds fought
*) fail "unknown kind $kind" ;;
esac
[ -s r.html ] || fail "no page"
# self-contained: nothing to run, nothing to fetch (the SVG namespace is a name, not a fetch)
if grep -Eiq '<script|<link|<img|<iframe|<object|<embed|@import|url\(|src=|href=' r.html; then fail "the page loads or runs something"; fi
if grep -Eo 'https?://[^" ]*' r.html | grep -qv '^http://www.w3.org/2000/svg$'; then fail "an outside address"; fi
# every chart: an svg with a title, a description and a caption
n=$(grep -c '<svg ' r.html || true)
[ "$n" = "$charts" ] || fail "$n charts, expected $charts"
[ "$(grep -c '<title id=' r.html)" = "$n" ] || fail "a chart without a title"
[ "$(grep -c '<desc id=' r.html)" = "$n" ] || fail "a chart without a text alternative"
[ "$(grep -c '<figcaption>' r.html)" = "$n" ] || fail "a chart without a caption"
grep -q 'not a forecast' r.html || fail "the page does not say it shows a model"
grep -q "peacesim $("$ps" --version | cut -d' ' -f2)" r.html || fail "the page does not state the version"
# in a real browser: no console message, a screenshot with charts on it
"$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --enable-logging=stderr --v=0 \
  --window-size=1280,2400 --screenshot="$work/shot.png" "file://$work/r.html" 2> console.txt >/dev/null \
  || fail "chromium failed: $(tail -3 console.txt)"
if grep -q 'CONSOLE' console.txt; then fail "console: $(grep CONSOLE console.txt)"; fi
"$pc" shot.png || fail "the screenshot looks blank"
# printed: A4 pages (595.28 x 841.89 points; Chromium rounds to whole pixels)
"$chromium" --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$work/r.pdf" "file://$work/r.html" 2>/dev/null >/dev/null \
  || fail "printing failed"
boxes=$(grep -a -o '/MediaBox \[[^]]*\]' r.pdf | sort -u)
[ -n "$boxes" ] || fail "no pages printed"
echo "$boxes" | awk '{ w = $4; h = $5 + 0; if (w < 594 || w > 596 || h < 841 || h > 843) bad = 1 } END { exit bad }' \
  || fail "not A4: $boxes"
