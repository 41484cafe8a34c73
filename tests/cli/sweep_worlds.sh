#!/usr/bin/env bash
# sweep_worlds.sh CASE PEACESIM JSON_CHECK WORKDIR SCENARIOS: a sweep's comparisons across the
# worlds of its baseline's assumptions (tests/scenarios/sweep_assumptions.lua).
set -euo pipefail
case_=$1 ps=$2 jc=$3 work=$4 scen=$5
rm -rf "$work" && mkdir -p "$work" && cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
# the grid: b_trust at 0.1, 0.3, 0.6, the baseline 0.3 (not the first point: the worlds are its)
grid=(--vary b_trust=0.1,0.3,0.6 --baseline b_trust=0.3 --runs 1000 --seed 4 --worlds 5 --world-runs 400)
outputs=(agreement issues.land issues.trade)

case $case_ in
worlds_diff_is_separate_runs)
  # each point's median, 5% and 95% over the worlds, and share of worlds beating the baseline,
  # are those of P(point) - P(baseline) from separate runs with the world's values --set, to the
  # bit: read from the CSV, whose numbers have 17 digits (cJSON writes 15 when they read back
  # within about an ulp), and from the runs' counts
  "$ps" sweep "$scen/sweep_assumptions.lua" "${grid[@]}" --threads 2 --json s.json --csv s.csv --quiet
  [ "$("$jc" get s.json schema)" = peacesim.sweep/2 ] || fail "schema"
  [ "$("$jc" get s.json worlds.count)" = 5 ] && [ "$("$jc" get s.json worlds.runs)" = 400 ] || fail "worlds, runs"
  [ "$("$jc" get s.json worlds.assumptions.0)" = noise ] && [ "$("$jc" get s.json worlds.assumptions.1)" = premium ] || fail "names"
  for w in 0 1 2 3 4; do
    noise=$("$jc" get s.json worlds.x.$w.0) premium=$("$jc" get s.json worlds.x.$w.1)
    for t in 0.1 0.3 0.6; do
      "$ps" run "$scen/sweep_assumptions.lua" --set noise="$noise" --set premium="$premium" --set b_trust=$t \
        --runs 400 --seed 4 --threads 1 --json "w$w-$t.json" --quiet
    done
  done
  for p in 0 2; do
    t=$("$jc" get s.json points.$p.params.b_trust)
    t=$(awk -v t="$t" 'BEGIN { printf "%g", t }')
    row=$(sed -n "$((p + 2))p" s.csv)
    col=0
    for o in "${outputs[@]}"; do
      # the differences world by world, sorted; quantiles of type 7 over 5 worlds: h = 4 q
      ds=$(for w in 0 1 2 3 4; do
             awk -v a="$("$jc" get "w$w-$t.json" $o.count)" -v b="$("$jc" get "w$w-0.3.json" $o.count)" \
               'BEGIN { printf "%.17g\n", a / 400 - b / 400 }'
           done | sort -g | tr '\n' ' ')
      for k in median:0.5 q05:0.05 q95:0.95 beats:-; do
        key=${k%%:*} q=${k#*:}
        got=$(echo "$row" | awk -F, -v c=$col '{ print $(NF - 11 + c) }')
        col=$((col + 1))
        awk -v ds="$ds" -v q="$q" -v got="$got" 'BEGIN {
          n = split(ds, s, " ")
          if (q == "-") { w = 0; for (i = 1; i <= n; i++) w += s[i] > 0; want = w / n }
          else { h = (n - 1) * q; lo = int(h); hi = lo + 1 < n ? lo + 1 : lo; want = s[lo + 1] + (h - lo) * (s[hi + 1] - s[lo + 1]) }
          if (want != got + 0) { printf "want %.17g, got %s (differences %s)\n", want, got, ds; exit 1 } }' \
          || fail "point $p $o $key"
      done
    done
  done
  # the baseline against itself: 0 in every world, beaten in none
  for o in "${outputs[@]}"; do
    [ "$("$jc" get s.json points.1.vs_baseline_worlds.$o.median)" = 0 ] || fail "the baseline's own median"
    [ "$("$jc" get s.json points.1.vs_baseline_worlds.$o.beats)" = 0 ] || fail "the baseline beats itself"
  done
  # the differences are not all alike: the test can tell a wrong world from a right one
  [ "$("$jc" get s.json points.2.vs_baseline_worlds.issues.trade.beats)" != 1 ] || fail "trade: every world beats"
  [ "$("$jc" get s.json points.2.vs_baseline_worlds.issues.trade.beats)" != 0 ] || fail "trade: no world beats" ;;
worlds_threads_same_bits)
  "$ps" sweep "$scen/sweep_assumptions.lua" "${grid[@]}" --threads 1 --json a.json --csv a.csv --quiet
  "$ps" sweep "$scen/sweep_assumptions.lua" "${grid[@]}" --threads 2 --json b.json --csv b.csv --quiet
  "$jc" same a.json b.json
  cmp a.csv b.csv || fail "CSV differs across thread counts"
  head -1 a.csv | grep -q ',agreement.worlds_median,agreement.worlds_q05,agreement.worlds_q95,agreement.worlds_beats,' || fail "CSV header"
  # the CSV's trade median is the JSON's (within the ulp cJSON may drop)
  awk -v a="$(sed -n 4p a.csv | awk -F, '{ print $(NF - 3) }')" -v b="$("$jc" get a.json points.2.vs_baseline_worlds.issues.trade.median)" \
    'BEGIN { e = a - b; exit !(e < 1e-15 && e > -1e-15) }' || fail "CSV trade median" ;;
central_removes_worlds)
  "$ps" sweep "$scen/sweep_assumptions.lua" "${grid[@]}" --central --json c.json --csv c.csv > c.txt
  "$ps" sweep "$scen/sweep_assumptions.lua" "${grid[@]}" --json w.json --report w.html > w.txt
  "$ps" sweep "$scen/sweep_assumptions.lua" "${grid[@]}" --central --report c.html --quiet
  grep -q "across the assumptions</h2>" w.html || fail "the report shows no worlds"
  grep -q "beats it in 100% of worlds" w.html || fail "the report's table of worlds"
  grep -q "across the assumptions</h2>" c.html && fail "--central: the report shows worlds"
  [ "$("$jc" get c.json worlds)" = null ] || fail "--central: worlds"
  [ "$("$jc" get c.json points.0.vs_baseline_worlds)" = null ] || fail "--central: a point's worlds"
  grep -q "Across the assumptions" c.txt && fail "--central: the table shows worlds"
  grep -q "worlds_median" c.csv && fail "--central: the CSV has worlds' columns"
  grep -q "Across the assumptions: 5 worlds drawn from the baseline's 2 assumptions, 400 runs per point in each" w.txt \
    || fail "the table shows no worlds"
  grep -q "Monte Carlo error" w.txt || fail "the table does not say which interval is Monte Carlo error"
  # the central values are the same with or without the worlds
  for p in 0 1 2; do
    "$jc" same-at c.json points.$p.issues w.json points.$p.issues || fail "point $p's central values moved"
    "$jc" same-at c.json points.$p.vs_baseline w.json points.$p.vs_baseline || fail "point $p's paired difference moved"
  done
  # a point that fixes an assumption (--set noise=...) keeps it in every world: with both fixed,
  # every world is the central scenario, and every difference the central one
  "$ps" sweep "$scen/sweep_assumptions.lua" "${grid[@]}" --set noise=30 --set premium=0.5 --json f.json --quiet
  [ "$("$jc" get f.json worlds)" = null ] || fail "no assumption left: no worlds" ;;
lua_worlds_match_cli)
  # peacesim.sweep and peacesim.compare give the CLI's numbers for the same scenario, seed, runs
  "$ps" run "$scen/study_sweep_worlds.lua" > lua.txt
  "$ps" sweep "$scen/sweep_assumptions.lua" "${grid[@]}" --csv s.csv --quiet
  [ "$(wc -l < lua.txt)" = 4 ] || fail "3 points and a comparison expected: $(cat lua.txt)"
  while read -r i t rest; do
    [ "$i" = compare ] && i=2
    # the CSV's last 12 columns, 17 digits each: median, q05, q95, beats of agreement, land, trade
    want=$(sed -n "$((i + 2))p" s.csv | awk -F, '{ for (c = NF - 11; c <= NF; c++) printf " %s", $c }')
    awk -v a="$want" -v b="$rest" 'BEGIN { n = split(a, x, " "); split(b, y, " ")
      for (i = 1; i <= n; i++) if (x[i] + 0 != y[i] + 0) exit 1 }' || fail "point $i: CLI$want, Lua $rest"
  done < lua.txt ;;
*) fail "unknown case $case_" ;;
esac
