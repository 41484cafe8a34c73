#!/usr/bin/env bash
# e2e.sh CASE PEACESIM JSON_CHECK WORKDIR SCENARIOS: one end-to-end test of the command line.
set -euo pipefail
case_=$1 ps=$2 jc=$3 work=$4 scen=$5
rm -rf "$work" && mkdir -p "$work" && cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
# interrupt PID: SIGINT to PID, then waits for it; sets code (its exit status) and took (seconds
# from the signal to its end)
interrupt() {
  kill -INT "$1"
  local t0; t0=$(date +%s.%N)
  set +e; wait "$1"; code=$?; set -e
  took=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
}

# Large result documents for the report's linear-time tests (awk: no other tool needed).
hist_doc() {  # one issue with a histogram of $1 bins
  awk -v n="$1" 'BEGIN {
    printf "{\"schema\":\"peacesim.result/1\",\"runs\":%d,\"interval\":\"wilson\",\"scenario\":{\"name\":\"bins\",\"rounds\":2},", n
    printf "\"agreement\":{\"p\":1,\"ci95\":[0.9,1],\"count\":%d},\"time_to_agreement\":{\"median\":1,\"survival\":[1,0,0]},", n
    printf "\"issues\":{\"x\":{\"p\":1,\"ci95\":[0.9,1],\"count\":%d,\"median_round\":1,\"survival\":[1,0,0],", n
    printf "\"terms\":{\"mean\":0.5,\"q05\":0.05,\"q50\":0.5,\"q95\":0.95,\"histogram\":["
    for (i = 0; i < n; i++) printf "%s1", i ? "," : ""
    printf "]}}}}\n" }'
}
survival_doc() {  # $1 issues, each S(t) over $2 rounds, Clopper-Pearson with runs = 1e15 and a distinct count of
                  # about 20,000 at every round (the slowest intervals, none the same)
  awk -v ni="$1" -v nr="$2" 'BEGIN {
    printf "{\"schema\":\"peacesim.result/1\",\"runs\":1e15,\"interval\":\"clopper-pearson\",\"scenario\":{\"name\":\"long\",\"rounds\":%d},", nr
    printf "\"agreement\":{\"p\":0,\"ci95\":[0,1e-14],\"count\":0},\"issues\":{"
    for (k = 0; k < ni; k++) {
      printf "%s\"i%d\":{\"p\":1e-11,\"ci95\":[0,1],\"count\":1e4,\"median_round\":null,\"survival\":[", k ? "," : "", k
      for (t = 0; t <= nr; t++) printf "%s%.17g", t ? "," : "", (19999 - t - k) / 1e15
      printf "]}"
    }
    printf "}}\n" }'
}
sweep_doc() {  # $1 points, x decreasing (the old insertion sort's worst order)
  awk -v n="$1" 'BEGIN {
    printf "{\"schema\":\"peacesim.sweep/1\",\"runs\":10,\"scenario\":{\"name\":\"wide\",\"rounds\":5},\"vary\":{\"x\":[0]},\"points\":["
    for (p = 0; p < n; p++) printf "%s{\"params\":{\"x\":%d},\"agreement\":{\"p\":0.5,\"ci95\":[0.4,0.6]}}", p ? "," : "", n - p
    printf "]}\n" }'
}
sensitivity_doc() {  # $1 parameters, $2 headlines ranking 10 of them each
  awk -v np="$1" -v nh="$2" 'BEGIN {
    printf "{\"schema\":\"peacesim.sensitivity/1\",\"runs\":10,\"scenario\":{\"name\":\"many\",\"rounds\":5},"
    printf "\"baseline\":{\"agreement\":{\"p\":0.5,\"ci95\":[0.4,0.6]},\"issues\":{}},\"parameters\":["
    for (i = 0; i < np; i++) printf "%s{\"name\":\"n%d\",\"effects\":{}}", i ? "," : "", i
    printf "],\"ranking\":{"
    for (h = 0; h < nh; h++) {
      printf "%s\"h%d\":[", h ? "," : "", h
      for (j = 0; j < 10; j++) printf "%s\"n%d\"", j ? "," : "", (h * 10 + j) % np
      printf "]"
    }
    printf "}}\n" }'
}

case "$case_" in
default_scenario_summary)
  "$ps" run --runs 20000 >out.txt 2>err.txt || fail "exit $?"
  for issue in prisoners ceasefire territory sanctions comprehensive; do
    grep -Eq "^  $issue +[0-9.]+% +\[ *[0-9.]+%, +[0-9.]+%\]" out.txt || fail "no row for $issue"; done
  grep -q "Istanbul talks, May 2025" out.txt || fail "no scenario name"
  grep -q "20000 runs, seed 1, 26 rounds, 4 parties, 4 issues" out.txt || fail "no run line"
  grep -q "not a forecast" out.txt || fail "no caveat" ;;
json_schema)
  "$ps" run --runs 5000 --json r.json --quiet || fail "exit $?"
  "$jc" schema r.json
  [ "$("$jc" get r.json runs)" = 5000 ] || fail "runs"
  [ "$("$jc" get r.json scenario.issues.0)" = prisoners ] || fail "issue order"
  [ "$("$jc" get r.json scenario.params.eu_sanctions_step)" = 0.10000000000000001 ] || fail "params" ;;
same_seed_same_json)
  "$ps" run --runs 4000 --seed 17 --json a.json --quiet
  "$ps" run --runs 4000 --seed 17 --json b.json --quiet
  "$jc" same a.json b.json ;;
other_seed_other_json)
  "$ps" run --runs 4000 --seed 17 --json a.json --quiet
  "$ps" run --runs 4000 --seed 18 --json b.json --quiet
  "$jc" differ a.json b.json ;;
json_to_stdout)
  "$ps" run --runs 2000 --json - >out.json 2>err.txt
  "$jc" schema out.json
  grep -q "ceasefire" err.txt || fail "the table goes to stderr when JSON takes stdout" ;;
default_found_from_any_folder)
  mkdir -p elsewhere && cd elsewhere
  "$ps" run --runs 1000 --json r.json --quiet
  [ "$("$jc" get r.json scenario.name)" = "Istanbul talks, May 2025" ] || fail "not the default" ;;
minimal_scenario)
  "$ps" run "$scen/good_minimal.lua" --runs 3000 --json r.json --quiet
  "$jc" schema r.json
  [ "$("$jc" get r.json scenario.rounds)" = 10 ] || fail "rounds" ;;
set_changes_result)
  "$ps" run --runs 3000 --json a.json --quiet
  "$ps" run --runs 3000 --set leaders_call_chance=0 --set eu_sanctions_step=0.3 --json b.json --quiet
  [ "$("$jc" get b.json scenario.params.eu_sanctions_step)" = 0.29999999999999999 ] || fail "param not recorded"
  "$jc" differ a.json b.json ;;
band_notes_an_atypical_centre)
  # the default scenario: prisoners agreed in every run of every world, and a ceasefire whose
  # central 39% lies below the band (the engine defaults written out sit at their ranges' ends)
  "$ps" run --runs 3000 --worlds 16 --world-runs 300 --json d.json >out.txt 2>err.txt || fail "exit $?: $(cat err.txt)"
  grep -Eq "^  prisoners +100.0% +100.0%  \[100.0%, 100.0%\]  the same in every world$" out.txt || fail "prisoners: $(cat out.txt)"
  lo=$("$jc" get d.json band.issues.ceasefire.q05); c=$("$jc" get d.json issues.ceasefire.p)
  awk -v c="$c" -v lo="$lo" 'BEGIN { exit !(c < lo) }' || fail "the ceasefire's centre $c is not below the band's 5% $lo"
  grep -Fq "Note: ceasefire's $(awk -v c="$c" 'BEGIN { printf "%.1f", 100 * c }')% at the central values is below 95% of the worlds" out.txt \
    || fail "no note: $(cat out.txt)" ;;
lua_run_band_matches_cli)
  # peacesim.run's band is the command's, to the bit
  "$ps" run "$scen/study_run_band.lua" > lua.txt || fail "exit $?"
  "$ps" run "$scen/assumptions.lua" --runs 2000 --seed 5 --worlds 8 --world-runs 300 --json c.json --quiet
  [ "$(wc -l < lua.txt)" = 3 ] || fail "lines: $(cat lua.txt)"
  while IFS="$(printf '\t')" read -r k share agreement; do
    awk -v a="$share" -v b="$("$jc" get c.json band.issues.share.$k)" 'BEGIN { exit !(a == b) }' || fail "share $k: $share"
    awk -v a="$agreement" -v b="$("$jc" get c.json band.agreement.$k)" 'BEGIN { exit !(a == b) }' || fail "agreement $k: $agreement"
  done < lua.txt ;;
sweep_worlds_of_a_computing_script)
  # a scenario whose script computes with its assumptions (1 - p - cbar): each point's worlds are
  # its script run again; its P(deal) = 1/2 + cA / (2 cbar) does not depend on p, so the points
  # agree world by world within the Monte Carlo error of 200 runs
  "$ps" sweep "$scen/fearon_assumed.lua" --vary p=0.45,0.5 --runs 2000 --worlds 8 --world-runs 200 --json s.json --quiet \
    || fail "exit $?"
  [ "$("$jc" get s.json worlds.count)" = 8 ] || fail "worlds: $("$jc" get s.json worlds.count)"
  m=$("$jc" get s.json points.1.vs_baseline_worlds.agreement.median)
  awk -v m="$m" 'BEGIN { exit !(m < 0.05 && m > -0.05) }' || fail "median difference $m" ;;
lua_worlds_of_a_computing_script)
  # peacesim.sensitivity, .sweep and .run make the worlds of a scenario whose script computes with
  # its assumptions by running its script again: the swings are the command's, to the bit
  "$ps" run "$scen/study_fearon_worlds.lua" > lua.txt || fail "exit $?"
  "$ps" sensitivity "$scen/fearon_assumed.lua" --method oat --factors assumptions --runs 2000 --seed 3 --json c.json --quiet
  [ "$(wc -l < lua.txt)" = 2 ] || fail "lines: $(cat lua.txt)"
  while IFS="$(printf '\t')" read -r j fac v; do
    [ "$("$jc" get c.json outputs.0.effects.$j.factor)" = "$fac" ] || fail "factor $j"
    awk -v a="$v" -v b="$("$jc" get c.json outputs.0.effects.$j.swing)" 'BEGIN { exit !(a == b) }' || fail "$fac: $v"
  done < lua.txt ;;
every_command_in_the_usage_runs)
  # the usage, the known commands and the dispatch come from one table (engine/cli/main.c): every
  # command the usage lists has a --help, and the unknown-command message lists the same names
  "$ps" --help > u.txt
  names=$(awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } /^$/ && on { exit }' u.txt)
  [ -n "$names" ] || fail "no commands in the usage"
  for c in $names; do
    grep -q "^  peacesim $c " u.txt || fail "$c has no usage line"
    "$ps" "$c" --help > /dev/null || fail "$c --help: exit $?"
  done
  set +e; "$ps" walk 2> err.txt; code=$?; set -e
  [ "$code" = 2 ] || fail "unknown command: exit $code"
  grep -Fq "(known: $(echo $names | sed 's/ /, /g'))" err.txt || fail "known list: $(cat err.txt)" ;;
gnu_long_option_forms)
  # --option=VALUE is --option VALUE for every command (split in main.c before the command reads
  # them), --set=NAME=V at the first '='
  "$ps" run --runs=3000 --seed=2 --set=eu_sanctions_step=0.2 --central --json=eq.json --quiet || fail "exit $?"
  "$ps" run --runs 3000 --seed 2 --set eu_sanctions_step=0.2 --central --json sp.json --quiet
  "$jc" same eq.json sp.json || fail "--opt=V differs from --opt V"
  "$ps" sensitivity --factors=distributions --runs=200 --json=s1.json --quiet || fail "sensitivity: exit $?"
  "$ps" sensitivity --factors distributions --runs 200 --json s2.json --quiet
  "$jc" same s1.json s2.json || fail "sensitivity --opt=V differs"
  set +e; "$ps" run --runs= --quiet 2> err.txt; code=$?; set -e
  [ "$code" = 2 ] && grep -q "^peacesim: --runs : give a whole number" err.txt || fail "--runs=: exit $code, $(cat err.txt)" ;;
band_names_the_assumptions)
  # the band beside the central figures, naming the assumptions and which interval is which;
  # --central leaves it out and gives the JSON of the same run apart from "band"; a scenario
  # without assumptions has none, and --worlds on it is a note, not an error
  a="$scen/assumptions.lua"
  "$ps" run "$a" --runs 3000 --worlds 8 --world-runs 500 --json b.json >out.txt 2>err.txt || fail "exit $?: $(cat err.txt)"
  grep -q "^Across assumptions (8 worlds x 500 runs each" out.txt || fail "no band block: $(cat out.txt)"
  grep -Fq "95% interval: Monte Carlo error at the central values; band: what the assumptions' ranges allow (ignorance)." out.txt \
    || fail "the text does not say which interval is which"
  for k in share prisoners comprehensive; do
    # the row, and beneath it the three assumptions that move it most, by name and rho
    grep -A1 -E "^  $k +[0-9.]+%  +[0-9.]+%  \[ *[0-9.]+%, +[0-9.]+%\]$" out.txt \
      | grep -Eq "^      moved most by: (noise|a_war_cost|b_ideal) \([+-][0-9.]+\); (noise|a_war_cost|b_ideal) \([+-][0-9.]+\); (noise|a_war_cost|b_ideal) \([+-][0-9.]+\)$" \
      || fail "row $k: $(cat out.txt)"
  done
  # the central column is the run's P(deal): the table's figure above
  central=$(awk '$1 == "share" { print $2; exit }' out.txt)
  [ "$(awk '/^Across/ { on = 1 } on && $1 == "share" { print $2 }' out.txt)" = "$central" ] || fail "central is not the run's P(deal)"
  "$jc" schema b.json >/dev/null || fail "schema: $("$jc" schema b.json)"
  [ "$("$jc" get b.json schema)" = peacesim.result/2 ] || fail "schema name"
  [ "$("$jc" get b.json assumptions.0.name)" = noise ] || fail "first assumption"
  [ "$("$jc" get b.json assumptions.0.uses)" = 2 ] || fail "noise is taken by both parties: one assumption, two uses"
  [ "$("$jc" get b.json assumptions.2.reason)" = "how much of the share B would settle for" ] || fail "reason"
  [ "$("$jc" get b.json band.world_count)" = 8 ] && [ "$("$jc" get b.json band.runs_per_world)" = 500 ] || fail "band size"
  [ "$("$jc" get b.json band.issues.share.central)" = "$("$jc" get b.json issues.share.p)" ] || fail "band central"
  [ "$("$jc" get b.json band.agreement.drivers.0.assumption)" = noise ] || fail "noise moves the comprehensive deal most"
  "$ps" run "$a" --runs 3000 --central --json c.json >cout.txt 2>&1 || fail "--central: exit $?"
  if grep -q "Across assumptions" cout.txt; then fail "--central printed the band"; fi
  [ "$("$jc" get c.json band)" = null ] || fail "--central: band is not null"
  "$jc" same-but c.json b.json band || fail "--central changed more than the band"
  "$ps" run "$scen/good_minimal.lua" --runs 500 --worlds 8 --json m.json >mout.txt 2>merr.txt || fail "no assumptions: exit $?"
  grep -q "note: .*good_minimal.lua declares no assumption.*--worlds and --world-runs have no band" merr.txt || fail "note: $(cat merr.txt)"
  if grep -q "Across assumptions" mout.txt; then fail "a band without assumptions"; fi
  [ "$("$jc" get m.json band)" = null ] || fail "no assumptions: band is not null" ;;
band_worlds_are_runs)
  # each world is a plain run of the scenario with its assumptions set to the world's values:
  # the same bits; --worlds-csv rows are the JSON's worlds; 1 or 2 threads, the same band
  a="$scen/assumptions.lua"
  "$ps" run "$a" --runs 1000 --seed 9 --worlds 6 --world-runs 700 --threads 1 --json b1.json --worlds-csv w1.csv --quiet
  "$ps" run "$a" --runs 1000 --seed 9 --worlds 6 --world-runs 700 --threads 2 --json b2.json --worlds-csv w2.csv --quiet
  "$jc" same b1.json b2.json || fail "the band differs between 1 and 2 threads"
  cmp w1.csv w2.csv || fail "--worlds-csv differs between 1 and 2 threads"
  [ "$(head -1 w1.csv)" = "world,noise,a_war_cost,b_ideal,agreement.p,share.p,prisoners.p" ] || fail "header: $(head -1 w1.csv)"
  [ "$(wc -l < w1.csv)" = 7 ] || fail "rows"
  # the CSV's values have 17 digits (exact); cJSON writes 15 where they read back within about an
  # ulp (docs/CLI.md), so the world is run from the CSV's, and the rows match the JSON to 1e-15
  for w in 0 3 5; do
    IFS=, read -r _ v0 v1 v2 _ < <(awk -F, -v w=$w '$1 == w' w1.csv)
    "$ps" run "$a" --runs 700 --seed 9 --set noise="$v0" --set a_war_cost="$v1" --set b_ideal="$v2" --json w$w.json --quiet
    [ "$("$jc" get w$w.json band)" = null ] || fail "world $w: --set leaves an assumption"
    [ "$("$jc" get w$w.json agreement.p)" = "$("$jc" get b1.json band.worlds.$w.agreement)" ] || fail "world $w: agreement"
    for k in share prisoners; do
      [ "$("$jc" get w$w.json issues.$k.p)" = "$("$jc" get b1.json band.worlds.$w.issues.$k)" ] || fail "world $w: $k"
    done
    row=$(awk -F, -v w=$w '$1 == w' w1.csv)
    want="$w,$("$jc" get b1.json band.worlds.$w.values.0),$("$jc" get b1.json band.worlds.$w.values.1),$("$jc" get b1.json band.worlds.$w.values.2),$("$jc" get b1.json band.worlds.$w.agreement),$("$jc" get b1.json band.worlds.$w.issues.share),$("$jc" get b1.json band.worlds.$w.issues.prisoners)"
    awk -v a="$row" -v b="$want" 'BEGIN { n = split(a, x, ","); m = split(b, y, ","); if (n != m) exit 1
      for (i = 1; i <= n; i++) { d = x[i] - y[i]; if (d < 0) d = -d; s = x[i] < 0 ? -x[i] : x[i]; if (d > 1e-15 * s) exit 1 } }' \
      || fail "world $w: CSV row $row, JSON $want"
  done
  # and the band's quantiles are those of the worlds' P(deal) (type 7: 6 worlds, 5% at 0.25 between the first two)
  want=$(tail -n +2 w1.csv | cut -d, -f5 | sort -g | awk '{ p[NR] = $1 } END { h = (NR - 1) * 0.05; lo = int(h); printf "%.12f", p[lo + 1] + (h - lo) * (p[lo + 2] - p[lo + 1]) }')
  got=$(printf '%.12f' "$("$jc" get b1.json band.agreement.q05)")
  [ "$got" = "$want" ] || fail "q05 $got, from the rows $want" ;;
band_report_from_json)
  # the report of a /2 result: the same page from run --report and from the JSON, with a chart per
  # output and the assumptions; --central: a note that there is no band
  a="$scen/assumptions.lua"
  "$ps" run "$a" --runs 2000 --worlds 8 --world-runs 300 --json r.json --report r.html --quiet
  "$ps" report r.json -o r2.html
  cmp r.html r2.html || fail "run --report and peacesim report of its JSON differ"
  [ "$(grep -c '<figure>' r.html)" = 7 ] || fail "figures: $(grep -c '<figure>' r.html), expected 4 + 3"
  for k in share prisoners comprehensive; do grep -q "<title id=\"t[0-9]*\">$k: P(deal), central and across worlds</title>" r.html || fail "no chart for $k"; done
  grep -q "The 95% interval is Monte Carlo error at the central values; the band is what the assumptions' ranges allow (ignorance)" r.html || fail "which interval"
  grep -q "<td class=\"name\">b_ideal</td>" r.html || fail "assumptions table"
  [ "$(grep -o '<circle ' r.html | wc -l)" = 24 ] || fail "a circle per world and output"
  "$ps" run "$a" --runs 2000 --central --json c.json --quiet
  "$ps" report c.json -o c.html
  grep -q "but this result has no band" c.html || fail "--central: no note"
  [ "$(grep -c '<figure>' c.html)" = 4 ] || fail "--central: figures" ;;
band_stopped_leaves_no_partial_file)
  # SIGINT during the band: no band is shown (only whole), the central results are reported,
  # marked incomplete, with band null; --worlds-csv is not written; no temporary file is left
  a="$scen/assumptions.lua"
  "$ps" run "$a" --runs 1000 --worlds 4096 --world-runs 1000000 --json out.json --worlds-csv w.csv --quiet 2>err.txt &
  pid=$!
  for i in $(seq 1 100); do grep -q . err.txt 2>/dev/null && break; [ -e w.csv ] && break; sleep 0.1; done
  sleep 2
  interrupt $pid
  [ "$code" = 130 ] || fail "exit $code, expected 130: $(cat err.txt)"
  awk -v t="$took" 'BEGIN { exit !(t < 10) }' || fail "took $took s to stop after SIGINT"
  grep -q "stopped by SIGINT during the band across assumptions: a band is shown only whole" err.txt || fail "message: $(cat err.txt)"
  [ ! -e w.csv ] || fail "--worlds-csv was written"
  [ "$("$jc" get out.json band)" = null ] || fail "a band was reported"
  grep -q '"complete":[[:space:]]*false' out.json || fail "not marked incomplete"
  "$ps" run "$a" --runs 1000 --central --json full.json --quiet
  "$jc" prefix out.json full.json || fail "the central results are not those of the run"
  [ -z "$(ls ./*.tmp.* 2>/dev/null)" ] || fail "a temporary file was left" ;;
study_matches_cli)
  "$ps" run "$scen/study_compare.lua" >study.txt
  "$ps" run --runs 3000 --seed 5 --json a.json --quiet
  "$ps" run --runs 3000 --seed 5 --set eu_sanctions_step=0.3 --json b.json --quiet
  [ "$(awk '$1=="ceasefire_count"{print $2}' study.txt)" = "$("$jc" get a.json issues.ceasefire.count)" ] || fail "ceasefire count differs"
  [ "$(awk '$1=="agreement_count"{print $2}' study.txt)" = "$("$jc" get a.json agreement.count)" ] || fail "agreement count differs"
  [ "$(awk '$1=="tough_ceasefire_count"{print $2}' study.txt)" = "$("$jc" get b.json issues.ceasefire.count)" ] || fail "tough count differs"
  grep -Eq "^schema	peacesim.result/2	runs	3000	survival	27$" study.txt || fail "result table shape" ;;
distribution_draws_do_not_depend_on_table_order)
  # Lua orders a table's keys differently in each process: ten processes must all agree.
  "$ps" run "$scen/distributions.lua" --runs 3000 --seed 9 --json ref.json --quiet
  for i in 1 2 3 4 5 6 7 8 9; do
    "$ps" run "$scen/distributions.lua" --runs 3000 --seed 9 --json r$i.json --quiet
    "$jc" same ref.json r$i.json
  done ;;
math_random_is_reproducible)
  "$ps" run "$scen/math_random.lua" --runs 2000 --json - >a.json 2>a.err
  "$ps" run "$scen/math_random.lua" --runs 2000 --json - >b.json 2>b.err
  "$jc" schema a.json          # print() went to stderr, not into the JSON
  "$jc" same a.json b.json
  grep -q "this line goes to stderr" a.err || fail "print output lost" ;;
write_error_keeps_old_file)
  # a write that fails half-way (here: the file-size limit, as a full disk would): exit 1, a
  # message, the old file as it was, no temporary file left
  "$ps" run --runs 1000 --json r.json --quiet
  cp r.json before.json
  set +e
  ( ulimit -f 2; trap '' XFSZ; exec "$ps" run --runs 1000 --json r.json --quiet ) 2>err.txt
  code=$?
  set -e
  [ "$code" = 1 ] || fail "exit $code, expected 1"
  grep -q "writing failed: File too large (any earlier file is left as it was)" err.txt || fail "message: $(cat err.txt)"
  cmp r.json before.json || fail "the old file changed"
  [ -z "$(ls r.json.tmp.* 2>/dev/null)" ] || fail "a temporary file was left" ;;
sigint_reports_the_runs_done|sigterm_reports_the_runs_done)
  sig=INT; want=130
  [ "$case_" = sigterm_reports_the_runs_done ] && { sig=TERM; want=143; }
  "$ps" run --runs 1000000000 --json out.json --csv out.csv --quiet 2>err.txt &
  pid=$!
  # the signal must come once the Monte Carlo runs (before, it would end peacesim at once, or be
  # ignored as a background job's SIGINT is): its CSV's temporary file is made just before
  for i in $(seq 1 600); do ls out.csv.tmp.* >/dev/null 2>&1 && break; sleep 0.2; done
  sleep 1
  kill -$sig $pid
  set +e; wait $pid; code=$?; set -e
  [ "$code" = "$want" ] || fail "exit $code, expected $want"
  grep -q "stopped by SIG$sig after [0-9]* of 1000000000 runs" err.txt || fail "message: $(cat err.txt)"
  m=$("$jc" get out.json runs)
  [ "$m" -gt 0 ] || fail "$m runs reported"
  grep -q '"complete":[[:space:]]*false' out.json || fail "not marked incomplete"
  # what was reported is exactly replications 0..m-1: the same as a full run of m
  "$ps" run --runs "$m" --central --json full.json --csv full.csv --quiet   # a stopped run has no band
  "$jc" prefix out.json full.json
  cmp out.csv full.csv || fail "the CSV of the stopped run is not the rows of replications 0..m-1" ;;
sigint_stops_within_a_round)
  # a replication of heavy.lua takes most of a second: SIGINT must not wait for a block of them
  # (1,024 runs: minutes) but stop within a round, keeping the replications done in order
  "$ps" run "$scen/heavy.lua" --runs 100 --threads 2 --json out.json --csv out.csv --quiet 2>err.txt &
  pid=$!
  for i in $(seq 1 600); do ls out.csv.tmp.* >/dev/null 2>&1 && break; sleep 0.2; done
  sleep 3
  interrupt $pid
  [ "$code" = 130 ] || fail "exit $code, expected 130: $(cat err.txt)"
  awk -v t="$took" 'BEGIN { exit !(t < 10) }' || fail "took $took s to stop after SIGINT"
  if grep -q "before the first run was complete: nothing written" err.txt; then
    [ ! -e out.json ] && [ ! -e out.csv ] || fail "a file was written"
  else
    grep -q "stopped by SIGINT after [0-9]* of 100 runs" err.txt || fail "message: $(cat err.txt)"
    m=$("$jc" get out.json runs)
    [ "$m" -gt 0 ] && [ "$m" -lt 100 ] || fail "$m runs reported"
    "$ps" run "$scen/heavy.lua" --runs "$m" --threads 1 --json full.json --csv full.csv --quiet
    "$jc" prefix out.json full.json
    cmp out.csv full.csv || fail "the CSV of the stopped run is not the rows of replications 0..m-1"
  fi
  [ -z "$(ls out.*.tmp.* 2>/dev/null)" ] || fail "a temporary file was left" ;;
sigint_stops_a_lua_function)
  # an event's function that never returns: SIGINT ends it (within about a second), not the
  # 600 s time budget or the 1e15 instructions
  "$ps" run "$scen/scripted/endless_event.lua" --runs 10 --lua-seconds 600 --lua-instructions 1000000000000000 --json out.json --quiet 2>err.txt &
  pid=$!
  sleep 3
  interrupt $pid
  [ "$code" = 130 ] || fail "exit $code, expected 130: $(cat err.txt)"
  awk -v t="$took" 'BEGIN { exit !(t < 10) }' || fail "took $took s to stop after SIGINT"
  grep -q "stopped by SIGINT before the first run was complete: nothing written" err.txt || fail "message: $(cat err.txt)"
  [ ! -e out.json ] || fail "a file was written" ;;
script_reads_no_links_or_pipes)
  # csv() and peacesim.load() read regular files in the script's folder only: a symbolic link
  # (to a file or folder outside), a named pipe (it would block) or a device is refused at once
  mkdir -p outside folder/sub
  printf 'actor,capability\nA,1\n' > outside/data.csv
  cp "$scen/good_minimal.lua" outside/other.lua
  printf 'actor,capability\nA,1\n' > folder/sub/data.csv
  ln -s ../outside/data.csv folder/link.csv
  ln -s ../outside folder/linkdir
  ln -s ../outside/other.lua folder/link.lua
  mkfifo folder/pipe.csv
  ln -s /dev/zero folder/zero.csv
  for target in link.csv linkdir/data.csv pipe.csv zero.csv; do
    printf 'local rows = csv("%s")\nreturn nil\n' "$target" > folder/read.lua
    set +e; timeout 20 "$ps" run folder/read.lua --runs 10 >out.txt 2>err.txt; code=$?; set -e
    [ "$code" = 2 ] || fail "csv(\"$target\"): exit $code, expected 2: $(cat err.txt)"
    grep -Eq "read.lua:1: csv: cannot read folder/$target: (it is a symbolic link|it is not a regular file)" err.txt \
      || fail "csv(\"$target\"): $(cat err.txt)"
  done
  printf 'return peacesim.load("link.lua")\n' > folder/load.lua
  set +e; timeout 20 "$ps" run folder/load.lua --runs 10 2>err.txt; code=$?; set -e
  [ "$code" = 2 ] && grep -q "peacesim.load: cannot read folder/link.lua: it is a symbolic link" err.txt || fail "load: $(cat err.txt)"
  # a real file in a real subfolder is read
  printf 'local rows = csv("sub/data.csv", { numbers = { "capability" } })\nassert(rows[1].capability == 1)\nreturn nil\n' > folder/read.lua
  "$ps" run folder/read.lua --runs 10 || fail "a plain file in a subfolder was refused" ;;
output_over_a_data_file)
  # an output onto a file the script reads through csv() (or peacesim.load()) is refused, the
  # file kept; so is one onto a scenario a study loads
  cp "$scen/../../scenarios/textbook/ec_car_emissions.lua" "$scen/../../scenarios/textbook/bdm_ec_car_emissions.csv" .
  cp bdm_ec_car_emissions.csv before.csv
  for opt in --json --csv --report; do
    set +e; "$ps" run ec_car_emissions.lua --runs 10 $opt bdm_ec_car_emissions.csv --quiet 2>err.txt; code=$?; set -e
    [ "$code" = 2 ] || fail "$opt: exit $code, expected 2"
    grep -q -- "$opt bdm_ec_car_emissions.csv is the script's data file ./bdm_ec_car_emissions.csv: writing it would destroy" err.txt \
      || fail "$opt: $(cat err.txt)"
    cmp bdm_ec_car_emissions.csv before.csv || fail "$opt: the data file changed"
  done
  set +e; "$ps" sweep ec_car_emissions.lua --vary rounds=8,10 --runs 10 --json ./bdm_ec_car_emissions.csv --quiet 2>err.txt; code=$?; set -e
  [ "$code" = 2 ] && grep -q "is the script's data file" err.txt || fail "sweep: exit $code: $(cat err.txt)"
  cmp bdm_ec_car_emissions.csv before.csv || fail "sweep: the data file changed" ;;
scenario_read_once)
  # the scenario's text is read once: a script with event functions given through a pipe runs
  # on two workers (each runs the same text again), as the file does
  "$ps" run "$scen/scripted/events.lua" --runs 3000 --threads 2 --json file.json --quiet
  "$ps" run <(cat "$scen/scripted/events.lua") --runs 3000 --threads 2 --json pipe.json --quiet 2>err.txt || fail "through a pipe: $(cat err.txt)"
  [ "$("$jc" get file.json agreement.count)" = "$("$jc" get pipe.json agreement.count)" ] || fail "the pipe's run differs" ;;
sigkill_leaves_no_partial_file)
  "$ps" run --runs 1000 --json out.json --quiet
  cp out.json before.json
  "$ps" run --runs 1000000000 --json out.json --quiet &
  pid=$!
  sleep 1
  kill -KILL $pid
  set +e; wait $pid; set -e
  cmp out.json before.json || fail "the old file changed"
  "$jc" schema out.json ;;
threads_give_identical_json)
  "$ps" run --runs 9000 --seed 4 --threads 1 --json t1.json --quiet
  for n in 2 3 8; do
    "$ps" run --runs 9000 --seed 4 --threads $n --json t$n.json --quiet
    "$jc" same t1.json t$n.json
  done
  "$ps" run "$scen/distributions.lua" --runs 5000 --threads 1 --json d1.json --quiet
  "$ps" run "$scen/distributions.lua" --runs 5000 --threads 2 --json d2.json --quiet
  "$jc" same d1.json d2.json ;;
csv_rows_match_json)
  # one row per replication, in order; the rows add up to the JSON's counts and means; the same
  # file for any thread count; a stopped or failed run leaves no partial file (tested elsewhere)
  "$ps" run --runs 3000 --seed 8 --threads 1 --csv r1.csv --json r1.json --quiet
  "$ps" run --runs 3000 --seed 8 --threads 2 --csv r2.csv --quiet
  cmp r1.csv r2.csv || fail "CSV differs between 1 and 2 threads"
  [ "$(wc -l < r1.csv)" = 3001 ] || fail "rows"
  [ "$(head -1 r1.csv | cut -d, -f6)" = ceasefire.round ] || fail "header"
  [ "$(awk -F, 'NR > 1 && $2 != NR - 2 { bad++ } END { print bad + 0 }' r1.csv)" = 0 ] || fail "replication order"
  want=$("$jc" get r1.json issues.ceasefire.count)
  got=$(awk -F, 'NR > 1 && $6 != "" { n++ } END { print n + 0 }' r1.csv)
  [ "$got" = "$want" ] || fail "ceasefire rows $got, JSON count $want"
  want=$("$jc" get r1.json agreement.count)
  got=$(awk -F, 'NR > 1 && $15 != "" { n++ } END { print n + 0 }' r1.csv)
  [ "$got" = "$want" ] || fail "comprehensive rows $got, JSON count $want"
  # the mean final front from the rows, to 9 digits, is the JSON's
  want=$(printf '%.9f' "$("$jc" get r1.json front.mean)")
  got=$(awk -F, 'NR > 1 { s += $17 } END { printf "%.9f", s / (NR - 1) }' r1.csv)
  [ "$got" = "$want" ] || fail "front mean $got, JSON $want"
  # and the mean number of rounds run: all 26 here; in the patience lesson talks stop when the
  # deal is in force, so the rows vary (the check is not vacuous)
  [ "$("$jc" get r1.json rounds_run.mean)" = 26 ] || fail "rounds_run in the default scenario"
  "$ps" run "$scen/../../scenarios/classroom/patience.lua" --runs 2000 --seed 8 --csv p.csv --json p.json --quiet
  col=$(head -1 p.csv | tr , '\n' | grep -n '^rounds_run$' | cut -d: -f1)
  want=$(printf '%.9f' "$("$jc" get p.json rounds_run.mean)")
  got=$(awk -F, -v c="$col" 'NR > 1 { s += $c; short += $c < 30 } END { printf "%.9f", s / (NR - 1); exit !(short > 0) }' p.csv) \
    || fail "no replication of patience.lua stopped early"
  [ "$got" = "$want" ] || fail "rounds_run mean $got, JSON $want" ;;
csv_has_the_draws)
  # one column per drawn value, named as the sensitivity analysis names it, holding the value the
  # replication drew: a.terms is its drawn `agreed`, b.terms (when agreed) its drawn `proposal`
  "$ps" run "$scen/csv_draws.lua" --runs 3000 --seed 3 --threads 1 --csv d1.csv --json j1.json --quiet
  "$ps" run "$scen/csv_draws.lua" --runs 3000 --seed 3 --threads 2 --csv d2.csv --quiet
  "$ps" run "$scen/csv_draws.lua" --runs 3000 --seed 3 --json j0.json --quiet
  cmp d1.csv d2.csv || fail "the draws differ between 1 and 2 threads"
  "$jc" same j0.json j1.json || fail "asking for the CSV changed the result"
  "$ps" sensitivity "$scen/csv_draws.lua" --runs 64 --json s.json --quiet
  head -1 d1.csv | tr , '\n' | sed -n '14,$p' > cols.txt
  for i in 0 1 2 3; do "$jc" get s.json factors.$i.name; done > names.txt
  cmp cols.txt names.txt || fail "the draws' columns are not the sensitivity's names: $(tr '\n' '|' < cols.txt)"
  [ "$(sed -n 1p cols.txt)" = "issue 'a': agreed" ] || fail "the first drawn column"
  awk -F, 'NR > 1 && $4 != $14 { bad++ } END { exit bad > 0 }' d1.csv || fail "a.terms is not the drawn agreed terms"
  awk -F, 'NR > 1 && $7 != "" { n++; if ($7 != $15) bad++ } END { exit !(n > 500 && bad == 0) }' d1.csv \
    || fail "b.terms is not the drawn proposal (or too few deals on b to tell)"
  # the draws follow their distributions: the mean of uniform(0.2, 0.8) over 3000 rows within 4
  # standard errors (sd 0.6 / sqrt 12 = 0.173, se 0.0032), and every draw inside its range
  awk -F, 'NR > 1 { s += $15; if ($15 < 0.2 || $15 > 0.8) bad++ } END { m = s / (NR - 1); exit !(bad == 0 && m > 0.4873 && m < 0.5127) }' d1.csv \
    || fail "the drawn proposals are not uniform(0.2, 0.8)"
  [ "$(awk -F, 'NR > 1 && NF != 17 { bad++ } END { print bad + 0 }' d1.csv)" = 0 ] || fail "rows of another width" ;;
report_linear_histogram)
  # a terms histogram of 1,000,000 bins: one walk of the array (cJSON_GetArrayItem per bin took
  # 33 s for 40,000 bins, so about 20,000 s for these), drawn in at most 512 summed bins
  hist_doc 1000000 > h.json
  "$ps" report h.json -o h.html || fail "exit $?"
  grep -q 'each 1/512 of its scale' h.html || fail "the histogram is not drawn in 512 bins" ;;
report_linear_survival)
  # 32 issues of 10,000 rounds, Clopper-Pearson at runs = 1e15 with a distinct count of about
  # 20,000 at every round (70 ms an interval before, 16 x 10,001 of them: about 10,000 s): each
  # curve is drawn at 160 points at most, each interval in well under a millisecond
  survival_doc 32 10000 > s.json
  "$ps" report s.json -o s.html || fail "exit $?"
  awk '/<figure>/ { f++ } f == 2 && /<polyline/ { n = split($0, v, " ") - 5; if (n > 160) bad++; lines++ }
       END { exit !(lines == 17 && bad == 0) }' s.html || fail "a survival curve drawn at more than 160 points, or not 17 curves" ;;
report_linear_sweep)
  # 200,000 points in decreasing order (the insertion sort and the lookups per point took 2.7 s
  # for 10,000, 15 s for 20,000: over 1,000 s for these)
  sweep_doc 200000 > w.json
  "$ps" report w.json -o w.html || fail "exit $?"
  grep -q '<td>200000</td>' w.html || fail "the last point is not in the table"
  rm -f w.html ;;
report_linear_sensitivity)
  # 1,000,000 parameters and 2,000 headlines ranking 10 each (a walk of the parameters per name
  # drawn took 65 s for 200,000 and 400: over 1,500 s for these)
  sensitivity_doc 1000000 2000 > z.json
  "$ps" report z.json -o z.html || fail "exit $?"
  [ "$(grep -c '<svg ' z.html)" = 2000 ] || fail "not a chart per headline"
  rm -f z.html ;;
report_axes_and_intervals)
  # a tornado chart's probability axis spans at least 10 percentage points, a sweep's difference
  # axis at least 2 (Monte Carlo noise does not fill them); the JSON's intervals are drawn: the
  # baseline's as a band, each difference's as a whisker at each end of each bar
  "$ps" sensitivity --factors distributions --runs 2000 --json z.json --report z.html --quiet   # the two war costs
  "$ps" sweep --vary leaders_call_chance=0.9,0.91 --runs 500 --central --report s.html --quiet
  span() {  # the span of figure $2's tick labels along its x axis (or y: $3), in percentage points
    awk -v want="$2" -v along="$3" '/<figure>/ { f++ } f == want {
      while (match($0, /<text class="tick" x="[^"]*" y="[^"]*" text-anchor="[a-z]+">-?[0-9.]+%?<\/text>/)) {
        t = substr($0, RSTART, RLENGTH); $0 = substr($0, RSTART + RLENGTH)
        if ((along == "y") != (t ~ /anchor="end"/)) continue
        v = t; sub(/^.*">/, "", v); sub(/%?<.*$/, "", v); v += 0
        if (n++ == 0 || v < lo) lo = v; if (n == 1 || v > hi) hi = v } }
      END { print hi - lo }' "$1"
  }
  # the tornado charts of the probabilities: the agreement's and the four issues' (the terms' and
  # the rounds' charts that follow have axes of their own units)
  awk '/<figure>/ { f++ } f >= 1 && f <= 5' z.html > zp.html && mv zp.html z.html
  charts=$(grep -c '<svg ' z.html)
  for i in $(seq 1 "$charts"); do
    awk -v s="$(span z.html "$i" x)" 'BEGIN { exit !(s >= 10) }' || fail "tornado $i: an axis of $(span z.html "$i" x) points"
  done
  awk -v s="$(span s.html 2 y)" 'BEGIN { exit !(s >= 2) }' || fail "the sweep's difference axis spans $(span s.html 2 y) points"
  rows=$(grep -c '<text class="tick" x="[0-9.]*" y="[0-9.]*" text-anchor="end">party' z.html)
  [ "$(grep -o 'stroke-width="1.5" fill="none"' z.html | wc -l)" = $((2 * rows)) ] || fail "not a whisker at each end of each of $rows bars"
  [ "$(grep -c 'fill-opacity="0.12"' z.html)" = "$charts" ] || fail "not the baseline's interval in each chart"
  [ "$charts" -ge 5 ] || fail "$charts tornado charts" ;;
report_tick_labels_apart)
  # no two tick labels of any chart overlap (tests/cli/ticks.awk), on every kind of page: a run,
  # a sweep along a numeric param, a sweep of 64 numbered points, a sensitivity analysis
  "$ps" run --runs 2000 --json r.json --report r.html --quiet
  "$ps" sweep --vary eu_sanctions_step=0:0.3:0.1 --runs 500 --report s.html --quiet
  "$ps" sweep --vary eu_sanctions_step=0:0.7:0.1 --vary leaders_call_chance=0:0.7:0.1 --runs 64 --central --report g.html --quiet
  "$ps" sensitivity --runs 500 --report z.html --quiet
  "$ps" sensitivity "$scen/sensitivity.lua" --runs 2000 --report y.html --quiet
  for f in r s g z y; do awk -f "$scen/../cli/ticks.awk" $f.html || fail "$f.html: tick labels overlap"; done ;;
run_report_shows_the_summary)
  # the run's page states what the terminal summary states, line by line (ps_table.c): each
  # issue's P(deal), median round, in force, held; how the runs ended; the line of control (only
  # where the scenario has a front); the rounds of war; the refusals of each party
  for sc in "$scen/csv_draws.lua" "$scen/good_minimal.lua" default; do
    if [ "$sc" = default ]; then set --; else set -- "$sc"; fi
    "$ps" run "$@" --runs 3000 --report r.html > t.txt 2>/dev/null
    # each row as name|P(deal)|median round|in force|held (the interval and the terms left out)
    awk '/^  issue/ { on = 1; next } on && NF == 0 { exit }
         on { sub(/\[[^]]*\]/, ""); m = $3; i = 4; if (m == ">") { m = "&gt; " $4; i = 5 }
              print $1 "|" $2 "|" m "|" $i "|" $(i + 1) }' t.txt > rows.txt
    [ -s rows.txt ] || fail "$sc: no rows in the summary"
    while IFS='|' read -r name p med inforce held; do
      grep -q "</span>$name</td><td>$p</td>" r.html || fail "$sc: no row for $name with P(deal) $p"
      grep -q "</span>$name</td>.*<td>$med</td>" r.html || fail "$sc: $name's median round $med"
      [ "$name" = comprehensive ] && continue
      grep -q "</span>$name</td>.*<td>$med</td><td>$inforce</td><td>$held</td>" r.html || fail "$sc: $name in force $inforce, held $held"
    done < rows.txt
    end=$(sed -n 's/^At the end: \(.*\)\.$/\1/p' t.txt)
    grep -Fq "<dd>$end</dd>" r.html || fail "$sc: how the runs ended ($end)"
    loc=$(sed -n 's/^Line of control at the end: \(mean [^]]*\]\).*/\1/p' t.txt)
    if [ -n "$loc" ]; then grep -Fq "<dd>$loc" r.html || fail "$sc: the line of control ($loc)"
    elif grep -q 'Line of control' r.html; then fail "$sc: a line of control where the scenario has no front"; fi
    war=$(sed -n 's/^Rounds fought without a ceasefire: \(.*\)\.$/\1/p' t.txt)
    grep -Fq "<dd>$war</dd>" r.html || fail "$sc: rounds of war ($war)"
    ref=$(sed -n 's/^Proposals refused per run: \(.*\);$/\1/p' t.txt)
    grep -Fq "<dd>${ref:-none}</dd>" r.html || fail "$sc: refusals ($ref)"
  done ;;
report_one_colour_per_issue)
  # an issue has one colour in every chart and table of a page, and no two share one
  # (tests/cli/colours.awk finds each legend entry, bar and swatch with its name)
  "$ps" run --runs 2000 --report r.html --quiet
  "$ps" sweep --vary eu_sanctions_step=0,0.2 --runs 500 --report s.html --quiet
  for f in r s; do
    awk -f "$scen/../cli/colours.awk" $f.html | grep -E ' (comprehensive|prisoners|ceasefire|territory|sanctions)$' | sort -u > c.txt
    [ "$(wc -l < c.txt)" = 5 ] || fail "$f.html: not one colour for each of five headlines: $(tr '\n' ' ' < c.txt)"
    [ "$(cut -d' ' -f1 c.txt | sort -u | wc -l)" = 5 ] || fail "$f.html: two headlines share a colour"
    [ "$(awk -f "$scen/../cli/colours.awk" $f.html | grep -c ' ceasefire$')" -ge 4 ] || fail "$f.html: ceasefire in fewer than 4 places"
  done ;;
sweep_shows_terms_and_timing)
  # the sweep's table, its report and its CSV show each point's agreed terms (mean [5%, 95%]) and
  # median round beside P(deal), as the JSON has them: the patience lesson's point is there
  "$ps" sweep "$scen/../../scenarios/classroom/patience.lua" --vary east_cost=0.004,0.04 --runs 2000 --json p.json \
    --report p.html --csv p.csv > t.txt
  for i in 0 1; do
    f() { printf '%.2f' "$("$jc" get p.json "points.$i.issues.valley.terms.$1")"; }
    cell="$(f mean) [$(f q05), $(f q95)]; $("$jc" get p.json points.$i.issues.valley.median_round)"
    grep -Fq "$cell" t.txt || fail "point $i: the table has no '$cell'"
    grep -Fq "<td>$(f mean) [$(f q05), $(f q95)]; round $("$jc" get p.json points.$i.issues.valley.median_round)</td>" p.html \
      || fail "point $i: the report has no cell for '$cell'"
    col=$(head -1 p.csv | tr , '\n' | grep -n '^valley.terms_mean$' | cut -d: -f1)
    awk -F, -v c="$col" -v r=$((i + 2)) -v want="$("$jc" get p.json "points.$i.issues.valley.terms.mean")" \
      'NR == r { e = $c - want; exit !(e < 1e-12 && e > -1e-12) }' p.csv || fail "point $i: the CSV's terms"
  done
  # the lesson: a costlier war for East moves the terms towards West and brings the deal earlier
  awk -v a="$("$jc" get p.json points.0.issues.valley.terms.mean)" -v b="$("$jc" get p.json points.1.issues.valley.terms.mean)" \
    -v m="$("$jc" get p.json points.0.issues.valley.median_round)" -v n="$("$jc" get p.json points.1.issues.valley.median_round)" \
    'BEGIN { exit !(a - b > 0.1 && m > n) }' || fail "terms or timing did not move"
  [ "$(grep -c '<svg ' p.html)" = 4 ] || fail "not four charts"
  grep -q '<title id="t3">Agreed terms across the sweep' p.html || fail "no terms chart"
  grep -q '<title id="t4">Median round of agreement across the sweep' p.html || fail "no timing chart" ;;
sweep_points_are_runs)
  # each point of a sweep is what run gives with the same params and seed; the paired difference
  # is the difference of the two probabilities; the same JSON for any thread count
  "$ps" sweep --central --vary eu_sanctions_step=0,0.2 --vary leaders_call_chance=0.05,0.3 --baseline eu_sanctions_step=0,leaders_call_chance=0.3 \
    --runs 3000 --seed 6 --threads 1 --json s1.json --csv s.csv --quiet
  "$ps" sweep --central --vary eu_sanctions_step=0,0.2 --vary leaders_call_chance=0.05,0.3 --baseline eu_sanctions_step=0,leaders_call_chance=0.3 \
    --runs 3000 --seed 6 --threads 2 --json s2.json --quiet
  "$jc" same s1.json s2.json
  [ "$("$jc" get s1.json schema)" = peacesim.sweep/2 ] || fail "schema"
  [ "$("$jc" get s1.json points.2.params.eu_sanctions_step)" = 0.20000000000000001 ] || fail "grid order"
  [ "$("$jc" get s1.json points.2.params.leaders_call_chance)" = 0.050000000000000003 ] || fail "grid order (second param)"
  [ "$("$jc" get s1.json baseline.leaders_call_chance)" = 0.29999999999999999 ] || fail "baseline"
  [ "$("$jc" get s1.json points.1.vs_baseline.issues.ceasefire.diff)" = 0 ] || fail "the baseline's own difference"
  "$ps" run --set eu_sanctions_step=0.2 --set leaders_call_chance=0.05 --runs 3000 --seed 6 --json r.json --quiet
  for key in agreement issues time_to_agreement outcome front war_rounds rounds_run parties; do
    "$jc" same-at s1.json points.2.$key r.json $key || fail "point 2's $key is not the run's"
  done
  pb=$("$jc" get s1.json points.1.issues.ceasefire.count)
  pp=$("$jc" get s1.json points.2.issues.ceasefire.count)
  diff=$("$jc" get s1.json points.2.vs_baseline.issues.ceasefire.diff)
  awk -v a="$pp" -v b="$pb" -v d="$diff" 'BEGIN { e = (a - b) / 3000 - d; exit !(e < 1e-12 && e > -1e-12) }' || fail "diff $diff, counts $pp - $pb"
  [ "$(wc -l < s.csv)" = 5 ] || fail "CSV rows"
  [ "$(head -1 s.csv | cut -d, -f1-4)" = "eu_sanctions_step,leaders_call_chance,agreement.p,agreement.lo" ] || fail "CSV header" ;;
lua_sweep_matches_cli)
  # peacesim.sweep in a study gives the points and differences of `peacesim sweep`
  "$ps" run "$scen/study_sweep.lua" > lua.txt
  "$ps" sweep --central --vary eu_sanctions_step=0,0.3 --vary leaders_call_chance=0.05,0.2 \
    --baseline eu_sanctions_step=0,leaders_call_chance=0.2 --runs 4000 --seed 3 --json s.json --quiet
  [ "$(wc -l < lua.txt)" = 4 ] || fail "4 points expected: $(cat lua.txt)"
  while read -r i step call count diff; do
    [ "$("$jc" get s.json points.$i.issues.ceasefire.count)" = "$count" ] || fail "point $i count"
    # cJSON writes a double in 15 digits when that reads back within an ulp or so: 1e-12 here
    want=$("$jc" get s.json points.$i.vs_baseline.issues.ceasefire.diff)
    awk -v a="$want" -v b="$diff" 'BEGIN { e = a - b; exit !(e < 1e-12 && e > -1e-12) }' || fail "point $i diff $diff, CLI $want"
  done < lua.txt ;;
sensitivity_variants_are_runs)
  # a number held at its quantile gives what a run with that number fixed gives; a number that
  # cannot matter swings by exactly 0 (common random numbers); the same JSON on 1 or 2 threads
  "$ps" sensitivity "$scen/sensitivity.lua" --runs 4000 --seed 5 --threads 1 --json a.json --quiet
  "$ps" sensitivity "$scen/sensitivity.lua" --runs 4000 --seed 5 --threads 2 --json b.json --quiet
  "$jc" same a.json b.json
  [ "$("$jc" get a.json schema)" = peacesim.sensitivity/2 ] || fail "schema"
  [ "$("$jc" get a.json method)" = oat ] || fail "method"
  [ "$("$jc" get a.json outputs.1.name)" = share ] || fail "outputs: agreement, then the issues"
  [ "$("$jc" get a.json outputs.1.ranking.0)" = "party 'A': war_cost" ] || fail "ranking"
  [ "$("$jc" get a.json factors.1.name)" = "event 'never': chance" ] || fail "names"
  [ "$("$jc" get a.json factors.1.kind)" = distribution ] || fail "kind"
  [ "$("$jc" get a.json outputs.1.effects.1.swing)" = 0 ] || fail "a number that cannot matter moved P"
  [ "$("$jc" get a.json outputs.3.effects.1.swing)" = 0 ] || fail "a number that cannot matter moved the rounds fought"
  q=$("$jc" get a.json factors.0.low)
  [ "$q" = 0.002 ] || [ "$q" = 0.0020000000000000000 ] || fail "q05 of uniform(0.001, 0.021) is $q"
  "$ps" run "$scen/sensitivity.lua" --set a_war_cost="$q" --runs 4000 --seed 5 --json r.json --quiet
  [ "$("$jc" get a.json outputs.1.effects.0.low.value)" = "$("$jc" get r.json issues.share.p)" ] || fail "low is not the run"
  [ "$("$jc" get a.json outputs.2.effects.0.low.value)" = "$("$jc" get r.json issues.share.terms.mean)" ] || fail "low terms are not the run's"
  [ "$("$jc" get a.json outputs.3.effects.0.low.value)" = "$("$jc" get r.json war_rounds.mean)" ] || fail "low rounds fought are not the run's"
  "$ps" run "$scen/sensitivity.lua" --runs 4000 --seed 5 --json base.json --quiet
  "$jc" same-at a.json baseline.issues base.json issues || fail "baseline is not the run"
  # two distributions in one list of effects keep apart
  "$ps" sensitivity "$scen/sensitivity_entries.lua" --runs 2048 --json e.json --quiet
  [ "$("$jc" get e.json outputs.1.ranking.0)" = "event 'shock': effects[1].war_cost" ] || fail "entries: ranking"
  [ "$("$jc" get e.json factors.1.name)" = "event 'shock': effects[2].war_cost" ] || fail "entries: names" ;;
sensitivity_methods)
  # every method on the default scenario and on scenarios with assumptions (set in the fields, and
  # computed with in the script): schema /2, the same bits on 1 and 2 threads, CSV rows that are
  # the JSON's numbers, a report from the JSON; the design's size is said before it runs
  args_oat="--runs 200" args_morris="--runs 100 --trajectories 3" args_sobol="--runs 100 --samples 8 --bootstrap 40"
  for m in oat morris sobol; do
    eval "margs=\$args_$m"
    for sc in "" "$scen/sensitivity_assumed.lua" "$scen/fearon_assumed.lua"; do
      # shellcheck disable=SC2086
      "$ps" sensitivity $sc --method $m $margs --seed 2 --threads 1 --json a.json --csv a.csv > t.txt 2> err.txt \
        || fail "$m $sc: exit $?: $(cat err.txt)"
      # shellcheck disable=SC2086
      "$ps" sensitivity $sc --method $m $margs --seed 2 --threads 2 --json b.json --csv b.csv --quiet
      "$jc" same a.json b.json || fail "$m $sc: 1 and 2 threads differ"
      cmp a.csv b.csv || fail "$m $sc: the CSV differs between 1 and 2 threads"
      grep -q "design points x [0-9]* runs = [0-9]* replications" err.txt || fail "$m $sc: the size was not said: $(cat err.txt)"
      [ "$("$jc" get a.json schema)" = peacesim.sensitivity/2 ] || fail "$m: schema"
      [ "$("$jc" get a.json method)" = $m ] || fail "$m: method"
      for k in design.points design.replications factors.0.name factors.0.kind factors.0.low factors.0.high \
               outputs.0.name outputs.0.kind outputs.0.mean outputs.0.variance outputs.0.constant timing.seconds; do
        "$jc" get a.json $k > /dev/null || fail "$m $sc: no $k"
      done
      pts=$("$jc" get a.json design.points) runs=$("$jc" get a.json runs)
      [ "$("$jc" get a.json design.replications)" = $((pts * runs)) ] || fail "$m: replications"
      # every CSV row is the JSON's: output o, factor named, value of the method's measure
      col=$(head -1 a.csv | tr , '\n' | grep -n "^$( [ $m = oat ] && echo swing || { [ $m = morris ] && echo mu_star || echo total; } )\$" | cut -d: -f1)
      key=$( [ $m = oat ] && echo swing || { [ $m = morris ] && echo mu_star || echo total; } )
      nf=$(awk -F'","' 'NR > 1 { print $2 }' a.csv | sort -u | wc -l)
      no=0
      while "$jc" get a.json outputs.$no.name > /dev/null 2>&1; do no=$((no + 1)); done
      [ "$(($(wc -l < a.csv) - 1))" = $((no * nf)) ] || fail "$m $sc: $(wc -l < a.csv) lines for $no outputs x $nf factors"
      # (row by row on the small scenarios: the default one's 87 factors make ~1,100 rows)
      [ -z "$sc" ] || tail -n +2 a.csv | sed 's/^"//; s/","/\t/; s/","/\t/; s/",/\t/' | while IFS="$(printf '\t')" read -r out fac rest; do
        o=0; while [ "$("$jc" get a.json outputs.$o.name)" != "$out" ]; do o=$((o + 1)); done
        j=0; while [ "$("$jc" get a.json factors.$j.name)" != "$fac" ]; do j=$((j + 1)); done
        got=$(printf '%s\n' "$rest" | cut -d, -f$((col - 3)))
        if "$jc" get a.json outputs.$o.effects.$j.factor > /dev/null 2>&1; then
          [ "$("$jc" get a.json outputs.$o.effects.$j.factor)" = "$fac" ] || fail "$m: effect $j of $out is not $fac's"
          want=$("$jc" get a.json outputs.$o.effects.$j.$key)
        else
          want=null   # no measures (constant, or undefined): an empty field
        fi
        if [ "$want" = null ]; then [ -z "$got" ] || fail "$m $out $fac: CSV $got, JSON null"
        # cJSON writes a double in 15 digits when that reads back within an ulp or so: 1e-12 here
        else awk -v a="$want" -v b="$got" 'BEGIN { e = a - b; exit !(e < 1e-12 && e > -1e-12) }' || fail "$m $out $fac: CSV $got, JSON $want"; fi
      done || exit 1
      "$ps" report a.json -o a.html || fail "$m $sc: report: exit $?"
      grep -q '<svg ' a.html || fail "$m $sc: no chart"
    done
  done
  # Fearon's ultimatum fights no rounds: war_rounds is constant, and Sobol' says so instead of NaN
  "$ps" sensitivity "$scen/fearon_assumed.lua" --method sobol --factors assumptions $args_sobol --json f.json --quiet
  [ "$("$jc" get f.json outputs.3.name)" = war_rounds ] || fail "output 3 is not war_rounds"
  "$jc" get f.json outputs.3.note | grep -q "^constant: the same value at every point (variance 0)" || fail "war_rounds not said constant"
  "$jc" get f.json outputs.3.effects.0 > /dev/null 2>&1 && fail "a constant output has Sobol' indices"
  # --output picks the table's block
  "$ps" sensitivity "$scen/sensitivity_assumed.lua" --output war_rounds --runs 100 > w.txt
  grep -q "^rounds fought without a ceasefire" w.txt || fail "--output war_rounds: $(head -5 w.txt)"
  grep -q ": P(deal)" w.txt && fail "--output war_rounds shows P(deal)"
  true ;;
lua_sensitivity_matches_cli)
  # peacesim.sensitivity in a study gives the numbers of `peacesim sensitivity`, every method
  "$ps" run "$scen/study_sensitivity.lua" > lua.txt || fail "exit $?"
  "$ps" sensitivity "$scen/sensitivity_assumed.lua" --method oat --runs 300 --seed 4 --json oat.json --quiet
  "$ps" sensitivity "$scen/sensitivity_assumed.lua" --method morris --trajectories 4 --runs 300 --seed 4 --json morris.json --quiet
  "$ps" sensitivity "$scen/sensitivity_assumed.lua" --method sobol --samples 16 --bootstrap 50 --runs 300 --seed 4 --json sobol.json --quiet
  [ "$(wc -l < lua.txt)" = 48 ] || fail "3 methods x 4 outputs x 4 factors expected: $(wc -l < lua.txt) lines"
  n=0
  while IFS="$(printf '\t')" read -r m out j fac v; do
    o=0; while [ "$("$jc" get $m.json outputs.$o.name)" != "$out" ]; do o=$((o + 1)); done
    key=$( [ $m = oat ] && echo swing || { [ $m = morris ] && echo mu_star || echo total; } )
    [ "$("$jc" get $m.json outputs.$o.effects.$j.factor)" = "$fac" ] || fail "$m $out $j: factor"
    want=$("$jc" get $m.json outputs.$o.effects.$j.$key)
    # the JSON's 15 digits (above): 1e-12
    awk -v a="$want" -v b="$v" 'BEGIN { e = a - b; exit !(e < 1e-12 && e > -1e-12) }' || fail "$m $out $fac: Lua $v, CLI $want"
    n=$((n + 1))
  done < lua.txt
  [ $n = 48 ] || fail "$n rows compared" ;;
trace_is_the_counted_replication)
  # replication R told by trace is row R of the Monte Carlo's records: the same rounds and terms
  "$ps" run --runs 40 --seed 4 --csv runs.csv --quiet
  for r in 0 17 39; do
    "$ps" trace --seed 4 --replication $r --json t.json > t.txt
    [ "$("$jc" get t.json schema)" = peacesim.trace/1 ] || fail "schema"
    row=$(awk -F, -v r=$r 'NR == r + 2' runs.csv)
    for k in 0 1 2 3; do
      issue=$(head -1 runs.csv | cut -d, -f$((3 + 3 * k)) | sed 's/\.round$//')
      round=$(echo "$row" | cut -d, -f$((3 + 3 * k)))
      terms=$(echo "$row" | cut -d, -f$((4 + 3 * k)))
      got=$("$jc" get t.json "outcome.issues.$issue.round")
      if [ -z "$round" ]; then [ "$got" = null ] || fail "rep $r $issue: trace says round $got, the run never agreed it"
      else
        [ "$got" = "$round" ] || fail "rep $r $issue: trace round $got, run $round"
        awk -v a="$("$jc" get t.json "outcome.issues.$issue.terms")" -v b="$terms" 'BEGIN { e = a - b; exit !(e < 1e-12 && e > -1e-12) }' \
          || fail "rep $r $issue: terms differ"
      fi
    done
    front=$(echo "$row" | cut -d, -f17)
    awk -v a="$("$jc" get t.json outcome.front)" -v b="$front" 'BEGIN { e = a - b; exit !(e < 1e-12 && e > -1e-12) }' || fail "rep $r: front"
    # the story has a round per round run, each response with its reasons
    [ "$(grep -c '^Round ' t.txt)" = "$(echo "$row" | cut -d, -f19)" ] || fail "rep $r: rounds told"
    grep -Eq '(accepts|refuses)[:,] .*the text gives it [0-9.]+' t.txt || fail "no response told with its reasons"
  done ;;
brief_sheets)
  # a party's sheet: its own priorities in order, its no-deal value; nothing private of the others
  "$ps" brief --party Ukraine -o u.md
  grep -q '^# Confidential role sheet: Ukraine' u.md || fail "title"
  [ "$(grep -n '^1\. \*\*territory\*\* (40%' u.md | cut -d: -f1)" != "" ] || fail "Ukraine's first priority is territory at 40%"
  grep -q '^4\. \*\*sanctions\*\* (10%' u.md || fail "Ukraine's last priority"
  grep -q 'no deal is worth about \*\*0\.[0-9][0-9]\*\* to you' u.md || fail "no-deal value"
  if grep -q '45%' u.md; then fail "Russia's weight on territory (45%) is in Ukraine's sheet"; fi
  # the teacher's sheet: every party, and the model's numbers as a run with the same runs and seed gives them
  "$ps" brief --teacher --runs 3000 --seed 2 -o t.md
  for p in Russia Ukraine US EU/NATO; do grep -q "^### $p (" t.md || fail "teacher: $p"; done
  "$ps" run --runs 3000 --seed 2 --json r.json --quiet
  want=$(awk -v p="$("$jc" get r.json issues.ceasefire.p)" 'BEGIN { printf "%.1f%%", 100 * p }')
  grep -q "^| ceasefire | $want |" t.md || fail "teacher: ceasefire should be $want"
  grep -q '^## Questions for the debrief' t.md || fail "teacher: questions" ;;
classroom_lessons)
  # each classroom scenario teaches what docs/TEACHING.md says, by paired differences that exclude 0
  above() { awk -v lo="$("$jc" get "$1" "$2.ci95.0")" 'BEGIN { exit !(lo > 0) }'; }
  below() { awk -v hi="$("$jc" get "$1" "$2.ci95.1")" 'BEGIN { exit !(hi < 0) }'; }
  # patience: a costlier war for East moves the valley's terms towards West (terms fall)
  "$ps" sweep "$scen/../../scenarios/classroom/patience.lua" --vary east_cost=0.004,0.04 --runs 3000 --json p.json --quiet
  awk -v a="$("$jc" get p.json points.0.issues.valley.terms.mean)" -v b="$("$jc" get p.json points.1.issues.valley.terms.mean)" \
    'BEGIN { exit !(a - b > 0.1) }' || fail "patience: terms did not move towards West"
  # ratify: the rule decides whom the text pays. Unanimity makes the accord less likely than four
  # of five, and its text pays the militia (it keeps its arms: 1); four of five leave the militia
  # out (disarmed: 0) and give Borland its line (1); three of five leave Borland out too (the
  # border at Azuria's line, 0) and agree sooner
  "$ps" sweep "$scen/../../scenarios/classroom/ratify.lua" --vary needed=3,4,5 --baseline needed=4 --runs 200 --json r.json --quiet
  below r.json points.2.vs_baseline.agreement || fail "ratify: unanimity is not less likely"
  terms() { "$jc" get r.json "points.$1.issues.$2.terms.mean"; }
  [ "$(terms 2 militia)" = 1 ] || fail "ratify: unanimity's text does not keep the militia's arms"
  [ "$(terms 1 militia)" = 0 ] && [ "$(terms 0 militia)" = 0 ] || fail "ratify: four or three of five do not disarm the militia"
  [ "$(terms 1 border)" = 1 ] || fail "ratify: four of five do not give Borland its line"
  [ "$(terms 0 border)" = 0 ] || fail "ratify: three of five do not give Azuria its line"
  [ "$("$jc" get r.json points.0.issues.border.median_round)" -lt "$("$jc" get r.json points.1.issues.border.median_round)" ] \
    || fail "ratify: three of five do not agree sooner than four"
  # pressure: sanctions make a deal more likely, on terms nearer Ostria's
  "$ps" sweep "$scen/../../scenarios/classroom/pressure.lua" --vary sanctions_step=0,0.1 --runs 3000 --json s.json --quiet
  above s.json points.1.vs_baseline.issues.settlement || fail "pressure: sanctions did not make a deal likelier"
  awk -v a="$("$jc" get s.json points.0.issues.settlement.terms.mean)" -v b="$("$jc" get s.json points.1.issues.settlement.terms.mean)" \
    'BEGIN { exit !(a - b > 0.05) }' || fail "pressure: terms did not move towards Ostria" ;;
play_scripted)
  # a game read from plain lines: the answers given are the answers recorded, the others vote as in
  # the model's own replication, a proposal is the text they vote on, and the debrief is in the transcript
  pat="$scen/../../scenarios/classroom/patience.lua"
  printf 'a\n' | "$ps" play "$pat" --as East --seed 3 --transcript g.json > g.txt
  "$ps" trace "$pat" --seed 3 --json t.json --quiet
  [ "$("$jc" get g.json schema)" = peacesim.trace/1 ] || fail "transcript schema"
  [ "$("$jc" get g.json player)" = East ] || fail "player"
  [ "$("$jc" get g.json answers.0.answer)" = accept ] || fail "answer 0"
  # round 1: the same text, and West's vote is the model's own (the same random number)
  [ "$("$jc" get g.json rounds.0.talks.0.proposal.terms.valley)" = "$("$jc" get t.json rounds.0.talks.0.proposal.terms.valley)" ] || fail "round 1 text"
  [ "$("$jc" get g.json rounds.0.talks.0.responses.0.party)" = West ] || fail "West answers first"
  [ "$(grep -c '"accepted":' g.json)" -ge 2 ] || fail "responses"
  # West's round-1 vote in the game is its vote in the model's replication (East's answer differs maybe)
  west_game=$(sed -n '/"party":[[:space:]]*"West"/,/"accepted"/p' g.json | grep -m1 '"accepted"')
  west_model=$(sed -n '/"party":[[:space:]]*"West"/,/"accepted"/p' t.json | grep -m1 '"accepted"')
  [ "$west_game" = "$west_model" ] || fail "West voted otherwise than in the model: $west_game / $west_model"
  grep -q 'Debrief' g.txt || fail "no debrief"
  "$jc" get g.json debrief.percentile >/dev/null || fail "no percentile"
  "$jc" get g.json debrief.points.valley.nash >/dev/null || fail "no Nash point"
  # a proposal, then quit
  printf 'p 0.45\nq\n' | "$ps" play "$pat" --as East --transcript p.json > p.txt
  [ "$("$jc" get p.json answers.0.answer)" = propose ] || fail "propose recorded"
  [ "$("$jc" get p.json answers.0.terms.valley)" = 0.45000000000000001 ] || fail "proposed terms"
  [ "$("$jc" get p.json rounds.0.talks.0.proposal.source)" = player ] || fail "the proposal was not the text voted on"
  [ "$("$jc" get p.json answers.1.answer)" = quit ] || fail "quit recorded"
  [ "$("$jc" get p.json outcome.end)" = quit ] || fail "the game did not stop at q"
  # bad lines are explained and asked again; input that ends stops the game
  printf 'p 2\nmaybe\n' | "$ps" play "$pat" --as East > b.txt
  grep -q 'valley: terms run from 0 to 1' b.txt || fail "p 2 not explained"
  grep -q "'maybe' is not an answer" b.txt || fail "a bad answer not explained"
  grep -q 'no more input: the game stops here' b.txt || fail "end of input" ;;
scripted_threads_identical)
  # events with Lua functions: each worker has its own Lua state; the numbers do not change
  "$ps" run "$scen/scripted/events.lua" --runs 5000 --seed 3 --threads 1 --json s1.json --quiet
  for n in 2 5; do
    "$ps" run "$scen/scripted/events.lua" --runs 5000 --seed 3 --threads $n --json s$n.json --quiet
    "$jc" same s1.json s$n.json
  done ;;
sandbox_globals_absent)
  "$ps" run "$scen/sandbox_probe.lua" --runs 100 --quiet ;;
failed_write_keeps_old_file)
  "$ps" run --runs 1000 --json r.json --quiet
  cp r.json before.json
  if "$ps" run "$scen/bad/capability_string.lua" --json r.json 2>/dev/null; then fail "bad scenario succeeded"; fi
  cmp r.json before.json || fail "the old file changed"
  [ -z "$(ls r.json.tmp.* 2>/dev/null)" ] || fail "a temporary file was left" ;;
play_debrief_scores_war)
  # the debrief scores the game as the role sheet does: the outcome's worth less the war's costs,
  # ranked among the model's own runs scored so. Refusing everything in patience.lua as East:
  # the valley stays at 0.5 (worth 0.5 to East), 30 weeks of war at 0.025: 0.5 - 0.75 = -0.25
  pat="$scen/../../scenarios/classroom/patience.lua"
  printf 'r\n%.0s' $(seq 30) | "$ps" play "$pat" --as East --transcript g.json > g.txt
  grep -q 'less 0.750 for the 30 rounds fought without a ceasefire: -0.250' g.txt || fail "the debrief's score: $(grep -A1 Debrief g.txt)"
  "$ps" brief "$pat" --party East -o east.md
  grep -q 'your score is what the outcome at the end is worth to you .*less 0.025 for every round fought without a ceasefire' east.md \
    || fail "the role sheet does not state the score"
  within() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; exit !(d < 1e-12 && d > -1e-12) }'; }
  within "$("$jc" get g.json debrief.utility)" 0.5 || fail "utility"
  within "$("$jc" get g.json debrief.war_costs)" 0.75 || fail "war costs"
  within "$("$jc" get g.json debrief.score)" -0.25 || fail "score"
  # the percentile is the mid-rank among the model's 2000 runs (seed 1), each scored as East's
  # terms (its utility of the valley, or 0.5 without a deal) less 0.025 a week of war
  "$ps" run "$pat" --runs 2000 --csv m.csv --quiet
  want=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    { u = $c["valley.held"] == 1 ? $c["valley.terms"] : 0.5; x = u - 0.025 * $c["war_rounds"]
      below += x < -0.25 - 1e-9; same += (x - -0.25 < 1e-9 && -0.25 - x < 1e-9) }
    END { printf "%.6f", 100 * (below + 0.5 * same) / (NR - 1) }' m.csv)
  got=$(awk -v p="$("$jc" get g.json debrief.percentile)" 'BEGIN { printf "%.6f", p }')
  [ "$got" = "$want" ] || fail "percentile $got, the model's runs give $want"
  # a game with a deal: the score is the terms less the war's weeks, as the transcript has them
  printf 'a\n%.0s' $(seq 30) | "$ps" play "$pat" --as East --seed 3 --transcript d.json > d.txt
  grep -q '"held":[[:space:]]*true' d.json || fail "no deal in the accepted game"
  want=$(awk -v t="$("$jc" get d.json outcome.issues.valley.terms)" -v w="$("$jc" get d.json outcome.war_rounds)" 'BEGIN { printf "%.9f", t - 0.025 * w }')
  got=$(awk -v x="$("$jc" get d.json debrief.score)" 'BEGIN { printf "%.9f", x }')
  [ "$got" = "$want" ] || fail "score $got, terms less war $want" ;;
play_shows_every_text)
  # every text on the table is shown, marked whether the player's consent is needed
  printf 'r\nr\nq\n' | "$ps" play --as US > us.txt
  grep -q "On the table, the mediator's text: ceasefire at [0-9.]*\. (Your consent is not needed: Russia and Ukraine decide\.)" us.txt \
    || fail "the ceasefire text is hidden from the US: $(head -20 us.txt)"
  printf 'r\nq\n' | "$ps" play "$scen/../../scenarios/classroom/ratify.lua" --as Kestria > k.txt
  grep -q "(Your answer counts: it needs 4 of the 5 parties' consent\.)" k.txt || fail "k of n not said"
  printf 'q\n' | "$ps" play "$scen/../../scenarios/classroom/patience.lua" --as East > e.txt
  grep -q "valley at 0.41\. (Your consent is needed\.)" e.txt || fail "unanimity not said" ;;
brief_escapes_scenario_text)
  # names, descriptions and labels that would be Markdown or HTML read as the words they are
  h="$scen/hostile_names.lua"
  "$ps" brief "$h" --party '<script>alert(1)</script>' -o p.md
  "$ps" brief "$h" --teacher --runs 50 -o t.md
  line() { grep -Fxq -- "$2" "$1" || fail "$1 lacks the line: $2"; }
  line p.md '# Confidential role sheet: &lt;script&gt;alert(1)&lt;/script&gt;'
  line p.md '*&lt;b&gt;Hostile&lt;/b&gt; &amp; names \| all*. For the player of &lt;script&gt;alert(1)&lt;/script&gt; only: do not show it to the other parties.'
  line p.md '\+ not a list  ## not a heading'
  line p.md '| \[share\](http://x.example) | Line one # not a heading - not a list &lt;script&gt;alert(1)&lt;/script&gt; \| cell Options: "\`code\`", "\_under\_", "a\|b". | &lt;script&gt;alert(1)&lt;/script&gt;, A\|B \*star\* |'
  line p.md '| line | 1. not a numbered list 0 = \$x\$ &amp; &lt;i&gt;; 1 = \~\~struck\~\~. | &lt;script&gt;alert(1)&lt;/script&gt;, A\|B \*star\* |'
  line p.md '- &lt;img src=x onerror=alert(1)&gt;: &gt; a quote  and a line'
  line p.md '1. **\[share\](http://x.example)** (50% of what is at stake for you): you want "\_under\_". No deal on it without you.'
  line t.md '# Teacher'"'"'s sheet: &lt;b&gt;Hostile&lt;/b&gt; &amp; names \| all'
  line t.md '### &lt;script&gt;alert(1)&lt;/script&gt; (signatory)'
  line t.md '\# an indented heading'
  line t.md '### A\|B \*star\* (signatory)'
  line t.md 'first line  second line'
  for f in p.md t.md; do
    if grep -q '<' "$f"; then fail "$f has a raw <: $(grep '<' "$f" | head -1)"; fi
    # every table row has as many cell bars as its table's header, however many the names hold
    awk '/^\|/ { n = gsub(/(^|[^\\])\|/, "&"); if (!intable) want = n; intable = 1
                 if (n != want) { print FILENAME ": " $0; bad = 1 }; next } { intable = 0 } END { exit bad }' "$f" \
      || fail "$f: a table row with a cell bar too many"
  done
  # on the terminal (play, trace) the names are the words, a control character a space
  printf '\033[31mX\nq\n' | "$ps" play "$h" --as 'A|B *star*' > g.txt
  grep -Fxq 'first line  second line' g.txt || fail "play: the doc's line breaks"
  grep -Fq "' [31mX' is not an answer." g.txt || fail "play: the typed escape reached the screen"
  if grep -q $'\e' g.txt; then fail "play: an escape on the screen"; fi
  "$ps" trace "$h" > tr.txt
  grep -Fxq '  line: 0 = $x$ & <i>, 1 = ~~struck~~' tr.txt || fail "trace: the issue's ends" ;;
brief_follows_the_scenario)
  # the teacher's questions and the role sheets ask about what the scenario has, and only that
  cls="$scen/../../scenarios/classroom" tb="$scen/../../scenarios/textbook"
  "$ps" brief "$cls/patience.lua" --teacher --runs 200 -o pat.md
  "$ps" brief "$cls/pressure.lua" --teacher --runs 200 -o pre.md
  "$ps" brief "$cls/ratify.lua" --teacher --runs 200 -o rat.md
  "$ps" brief --teacher --runs 200 -o ist.md
  "$ps" brief "$tb/rubinstein.lua" --teacher --runs 10 -o rub.md
  "$ps" brief "$tb/ec_car_emissions.lua" --teacher --runs 10 -o eum.md
  "$ps" brief "$scen/good_minimal.lua" --teacher --runs 200 -o min.md
  has() { grep -q -- "$2" "$1" || fail "$1 should ask: $2"; }
  hasnt() { if grep -q -- "$2" "$1"; then fail "$1 should not ask: $2"; fi; }
  # events: none in patience or ratify; a policy alone in pressure; chance events in Istanbul
  for f in pat.md rat.md pre.md; do hasnt $f 'Which event changed the talks most'; done
  has ist.md 'Which event changed the talks most'
  has pre.md 'When did the policy "sanctions package" (Coalition'"'"'s) come into play'
  hasnt pat.md 'policy'
  # the front and sanctions: pressure and Istanbul have both, patience neither
  for f in pre.md ist.md; do has $f 'How did the line of control move'; has $f 'How did the sanctions level change'; done
  hasnt pat.md 'line of control'; hasnt pat.md 'sanctions'
  # k of n and the package: ratify alone
  has rat.md 'The package needs only 4 of its 5 parties: who was left out'
  has rat.md 'The issues are one package'
  for f in pat.md pre.md ist.md; do hasnt $f 'needs only'; hasnt $f 'The issues are one package'; done
  # several issues taken separately, one opening another, a deal that can break down: Istanbul
  has ist.md 'Which issues were settled and which were left open'
  has ist.md 'ceasefire comes to the table only once prisoners is carried out'
  has ist.md 'How often did the agreement on ceasefire break down'
  for f in pat.md pre.md rat.md; do hasnt $f 'break down'; hasnt $f 'comes to the table'; done
  hasnt pat.md 'Which issues were settled'
  # protocols: Rubinstein's game has no BATNAs and no concession tactics; the EUM forecasts
  has rub.md "Compare the terms with Rubinstein's"; hasnt rub.md 'concession tactic'; hasnt rub.md 'better alternative'
  has eum.md 'where did the forecast settle'; hasnt eum.md 'better alternative'; hasnt eum.md 'chance of a deal'
  has pat.md 'concession tactic'; hasnt pat.md "Rubinstein's"
  # what to vary: the scenario's own params, sensitivity only with uncertain numbers
  has pat.md 'on the scenario'"'"'s parameters (west\\_cost, east\\_cost)'; hasnt pat.md 'sensitivity'
  has ist.md 'peacesim sensitivity'
  has min.md 'Change it in the scenario file'
  # the commitment problem only where distrust raises a party's demands (pressure: premium 0.3)
  has pre.md 'the fear that a deal would not be kept'
  # role sheets: the consent rule, the costs and the ways a deal can go wrong the scenario has
  "$ps" brief "$cls/ratify.lua" --party Kestria -o k.md
  "$ps" brief "$cls/patience.lua" --party East -o e.md
  "$ps" brief "$cls/pressure.lua" --party Rusland -o r.md
  "$ps" brief --party Ukraine -o u.md
  has k.md 'Deals on \*\*border\*\*, \*\*return\*\*, \*\*aid\*\* and \*\*militia\*\* need only some of their parties'"'"' consent, yours among them (see who must agree): they can be made without you\.'
  has k.md 'It needs 4 of 5 consents, yours among them\.'
  has k.md 'one text covers every open issue, as a package'
  has e.md 'No deal on \*\*valley\*\* is made without you\.'; hasnt e.md 'without you\. A deal on'
  has r.md 'Sanctions add to that cost: 0.03 a round'; hasnt e.md 'Sanctions'
  has e.md 'An agreement may take rounds to carry out\.$'
  has u.md 'may fail and may break down once in force'
  has k.md 'Every round until the talks end costs you 0.004'
  hasnt k.md 'Things may happen'; has u.md 'Things may happen between rounds'
  hasnt e.md 'Your trust'; has r.md 'Your trust'
  # a spoiler, a guarantor at the front
  "$ps" brief "$scen/spoiler.lua" --teacher --runs 100 -o sp.md
  "$ps" brief "$scen/spoiler.lua" --party S -o s.md
  "$ps" brief --party EU/NATO -o eu.md
  has sp.md 'What did S gain from the talks failing'; hasnt ist.md 'gain from the talks failing'
  has s.md 'you add 0.02 to its chance of breaking down each round'; hasnt u.md 'chance of breaking down each round'
  has eu.md 'You back Ukraine at the front: you lend it 0.3 of capability\.'; hasnt u.md 'You back' ;;
long_multibyte_names)
  # names of 2-, 3- and 4-byte characters, as long as allowed: every output is valid UTF-8; the
  # table cuts the 21-euro issue name to 16 characters, JSON and CSV keep it whole
  valid() { iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1 || fail "$1 is not valid UTF-8"; }
  euros16=$(printf '\342\202\254%.0s' $(seq 16)) euros17=$(printf '\342\202\254%.0s' $(seq 17))
  euros21=$(printf '\342\202\254%.0s' $(seq 21))
  "$ps" run "$scen/long_names.lua" --runs 500 --json r.json --csv r.csv >table.txt 2>err.txt || fail "run: exit $?"
  for f in table.txt r.json r.csv; do valid $f; done
  grep -qF "  $euros16 " table.txt || fail "the table's issue column is not the name's first 16 characters"
  ! grep -F "$euros17" table.txt | grep -q "%" || fail "the table's row holds more than 16 characters of the name"
  [ "$("$jc" get r.json scenario.issues.0)" = "$euros21" ] || fail "the JSON cut the name"
  head -1 r.csv | grep -qF ",$euros21.round," || fail "the CSV cut the name"
  party=$("$jc" get r.json scenario.parties.0)
  "$ps" brief "$scen/long_names.lua" --party "$party" -o role.md || fail "brief: exit $?"
  "$ps" brief "$scen/long_names.lua" --teacher -o teacher.md || fail "brief --teacher: exit $?"
  "$ps" trace "$scen/long_names.lua" --replication 2 >trace.txt || fail "trace: exit $?"
  "$ps" sensitivity "$scen/long_names.lua" --runs 300 --json sens.json >sens.txt || fail "sensitivity: exit $?"
  "$ps" report r.json -o run.html && "$ps" report sens.json -o sens.html || fail "report: exit $?"
  for f in role.md teacher.md trace.txt sens.txt sens.json run.html sens.html; do valid $f; done ;;
precision_cp_halfwidths_within_target)
  # --precision 0.01 --interval cp: every Clopper-Pearson half-width the JSON reports is at most
  # 0.01 (Wilson's rule stopped this run at 9,216 runs with ceasefire's at 0.01002)
  "$ps" run --precision 0.01 --interval cp --runs 1000000 --json r.json --quiet || fail "exit $?"
  paths="agreement outcome.comprehensive outcome.partial outcome.none front"
  for k in prisoners ceasefire territory sanctions; do paths="$paths issues.$k issues.$k.implemented issues.$k.held issues.$k.terms"; done
  for q in $paths; do
    lo=$("$jc" get r.json $q.ci95.0 2>/dev/null) || continue   # null: no agreement, no terms
    hi=$("$jc" get r.json $q.ci95.1)
    awk -v lo="$lo" -v hi="$hi" 'BEGIN { exit !((hi - lo) / 2 <= 0.01) }' || fail "$q: half-width $lo..$hi over 0.01"
  done
  awk -v h="$("$jc" get r.json precision.reached)" 'BEGIN { exit !(h <= 0.01) }' || fail "precision.reached over 0.01" ;;
precision_cap_in_the_summary)
  # a run that --runs caps before it reaches --precision says so in the table, not only the JSON
  "$ps" run --runs 2000 --precision 0.001 --central >out.txt || fail "exit $?"
  grep -q "^Precision 0.001 NOT reached: the widest 95% half-width is 0.0[0-9]* (Wilson) after 2000 runs, the most --runs allows.$" out.txt \
    || fail "the table does not say the precision was not reached"
  "$ps" run --precision 0.02 --interval cp --central >ok.txt || fail "exit $?"
  grep -q "^Precision 0.02 reached: every 95% half-width is at most that (the widest 0.0[0-9]*, Clopper-Pearson).$" ok.txt \
    || fail "the table does not say the precision was reached"
  "$ps" run --runs 2000 --precision 0.001 --central --json r.json --quiet && "$ps" report r.json -o r.html || fail "report: exit $?"
  grep -q "<dt>Precision</dt><dd>0.001 asked: NOT reached within the runs --runs allows" r.html || fail "the report does not say so" ;;
*) fail "unknown case $case_" ;;
esac
echo "ok $case_"
