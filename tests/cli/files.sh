#!/usr/bin/env bash
# files.sh CASE PEACESIM JSON_CHECK WORKDIR SCENARIOS: the files every command writes (docs/CLI.md,
# "Output files"): special files written, not replaced; links kept; an input never written over;
# modes kept; no temporary left by a size limit or a signal; errors on standard output reported;
# messages with control characters escaped. Some cases use device nodes of their own, which only
# root can make (CI runs as root): as another user they use the system's /dev/null instead.
set -euo pipefail
case_=$1 ps=$2 jc=$3 work=$4 scen=$5
rm -rf "$work" && mkdir -p "$work" && cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
no_temps() { if compgen -G "$1.tmp.*" >/dev/null; then fail "a temporary file was left: $(ls -d "$1".tmp.*)"; fi; }
pat=$scen/../../scenarios/classroom/patience.lua
root=0; [ "$(id -u)" = 0 ] && root=1

case "$case_" in
char_device)
  # a character device is written to, never replaced by a file (as root, --json /dev/null would
  # have replaced /dev/null): a node of our own with the null device's numbers, or /dev/null itself
  if [ $root = 1 ]; then mknod null c 1 3; dev=$work/null; else dev=/dev/null; fi
  "$ps" run --runs 200 --json "$dev" --csv "$dev" --report "$dev" --quiet || fail "run: exit $?"
  "$ps" run --runs 200 --json r.json --quiet
  "$ps" sweep --vary eu_sanctions_step=0,0.1 --runs 100 --json "$dev" --csv "$dev" --report "$dev" --quiet || fail "sweep: exit $?"
  "$ps" sensitivity "$scen/sensitivity.lua" --runs 100 --json "$dev" --report "$dev" --quiet || fail "sensitivity: exit $?"
  "$ps" trace --json "$dev" --quiet || fail "trace: exit $?"
  "$ps" brief --party Ukraine -o "$dev" || fail "brief: exit $?"
  "$ps" report r.json -o "$dev" || fail "report: exit $?"
  printf 'q\n' | "$ps" play "$pat" --as East --transcript "$dev" >/dev/null || fail "play: exit $?"
  [ -c "$dev" ] || fail "$dev is no longer a character device: $(ls -l "$dev")"
  no_temps "$dev"
  # a device that refuses the write: the error, exit 1
  set +e; "$ps" run --runs 200 --json /dev/full --quiet 2>err.txt; code=$?; set -e
  [ "$code" = 1 ] || fail "--json /dev/full: exit $code, expected 1"
  grep -q -- "--json /dev/full: writing failed: No space left on device" err.txt || fail "message: $(cat err.txt)" ;;
fifo)
  # a FIFO is written to, as its reader reads (the CSV as the run goes), and stays a FIFO
  mkfifo j.fifo c.fifo
  timeout 120 cat j.fifo > j.got & r1=$!
  timeout 120 cat c.fifo > c.got & r2=$!
  "$ps" run --runs 3000 --seed 8 --json j.fifo --csv c.fifo --quiet || fail "exit $?"
  wait $r1 || fail "the JSON's reader got nothing"
  wait $r2 || fail "the CSV's reader got nothing"
  [ -p j.fifo ] && [ -p c.fifo ] || fail "a FIFO was replaced: $(ls -l)"
  "$ps" run --runs 3000 --seed 8 --json j.json --csv c.csv --quiet
  "$jc" same j.got j.json
  cmp c.got c.csv || fail "the CSV through the FIFO differs" ;;
std_descriptors)
  # /dev/fd/N, /dev/stdout, /dev/stderr write to that descriptor, as - does
  "$ps" run --runs 500 --json /dev/fd/3 --quiet 3> fd3.json || fail "/dev/fd/3: exit $?"
  "$jc" schema fd3.json
  "$ps" run --runs 500 --json /dev/stdout > out.json 2> err.txt || fail "/dev/stdout: exit $?"
  "$jc" schema out.json
  grep -q "ceasefire" err.txt || fail "the table goes to stderr when /dev/stdout takes the JSON"
  "$ps" trace --json /dev/stderr --quiet 2> trace.json || fail "/dev/stderr: exit $?"
  [ "$("$jc" get trace.json schema)" = peacesim.trace/1 ] || fail "no trace JSON on stderr"
  [ -c /dev/null ] && [ -L /dev/stdout ] || fail "/dev/stdout is no longer a link" ;;
symlink)
  # a link to a file: the file is replaced (its mode kept), the link stays a link; a chain too
  mkdir real
  "$ps" run --runs 300 --json real/r.json --quiet
  chmod 640 real/r.json
  ln -s real/r.json link.json
  ln -s link.json link2.json
  "$ps" run --runs 600 --json link.json --quiet || fail "exit $?"
  [ -L link.json ] && [ "$(readlink link.json)" = real/r.json ] || fail "the link was replaced: $(ls -l link.json)"
  [ "$("$jc" get real/r.json runs)" = 600 ] || fail "the link's target was not written"
  [ "$(stat -c %a real/r.json)" = 640 ] || fail "the target's mode changed to $(stat -c %a real/r.json)"
  "$ps" run --runs 700 --csv link2.json --quiet || fail "exit $?"
  [ -L link2.json ] && [ -L link.json ] || fail "a link of the chain was replaced"
  [ "$(wc -l < real/r.json)" = 701 ] || fail "the chain's target was not written"
  no_temps link.json; no_temps link2.json; no_temps real/r.json
  # a link to nothing is refused, and left as it was, with nothing made
  ln -s nowhere.json dangling.json
  set +e; "$ps" run --runs 10 --json dangling.json --quiet 2>err.txt; code=$?; set -e
  [ "$code" = 2 ] || fail "a dangling link: exit $code, expected 2"
  grep -q -- "--json dangling.json is a symbolic link to nowhere.json, which does not exist" err.txt || fail "message: $(cat err.txt)"
  [ -L dangling.json ] && [ ! -e nowhere.json ] || fail "the dangling link was changed" ;;
refused_kinds)
  # a folder, a block device: refused before the run, left as they were
  refuse() {   # refuse REGEX ARGS...
    local re=$1; shift
    set +e; "$ps" "$@" >out.txt 2>err.txt </dev/null; local code=$?; set -e
    [ "$code" = 2 ] || fail "$*: exit $code, expected 2"
    grep -Eq -- "$re" err.txt || fail "$*: message: $(cat err.txt)"
  }
  if [ $root = 1 ]; then mknod blk b 7 200; blk=$work/blk; else blk=$(find /dev -maxdepth 1 -type b -print -quit); fi
  [ -n "$blk" ] || fail "no block device to try: run as root (CI does)"
  refuse "--csv $blk is a block device: peacesim writes its results to files, not to disks" run --runs 10 --csv "$blk"
  [ -b "$blk" ] || fail "$blk is no longer a block device"
  no_temps "$blk"
  mkdir folder
  refuse "--json folder is a folder: give a file name" run --runs 10 --json folder
  refuse "-o nofolder/ ends in '/': give a file name" brief --party Ukraine -o nofolder/ ;;
same_file)
  # a file that a command reads is never its output: every command, every way of naming it
  cp "$scen/good_minimal.lua" s.lua; cp "$scen/sensitivity.lua" sens.lua; cp "$pat" p.lua
  "$ps" run s.lua --runs 10 --json r.json --quiet
  mkdir sub; ln -s s.lua alias.lua; ln s.lua hard.lua
  cp s.lua s.orig; cp sens.lua sens.orig; cp p.lua p.orig; cp r.json r.orig
  refuse() {   # refuse REGEX ARGS...: exit 2, the message, every input as it was
    local re=$1; shift
    set +e; "$ps" "$@" >out.txt 2>err.txt </dev/null; local code=$?; set -e
    [ "$code" = 2 ] || fail "$*: exit $code, expected 2"
    grep -Eq -- "$re" err.txt || fail "$*: message: $(cat err.txt)"
    cmp -s s.lua s.orig && cmp -s sens.lua sens.orig && cmp -s p.lua p.orig && cmp -s r.json r.orig || fail "$*: an input changed"
  }
  same="writing it would destroy what peacesim reads; give another path"
  refuse "--json s.lua is the scenario s.lua: $same" run s.lua --runs 10 --json s.lua
  refuse "--csv s.lua is the scenario s.lua" run s.lua --runs 10 --csv s.lua
  refuse "--report s.lua is the scenario s.lua" run s.lua --runs 10 --report s.lua
  refuse "--json s.lua is the scenario s.lua" sweep s.lua --vary x=1,2 --runs 10 --json s.lua
  refuse "--csv s.lua is the scenario s.lua" sweep s.lua --vary x=1,2 --runs 10 --csv s.lua
  refuse "--json sens.lua is the scenario sens.lua" sensitivity sens.lua --runs 10 --json sens.lua
  refuse "--report sens.lua is the scenario sens.lua" sensitivity sens.lua --runs 10 --report sens.lua
  refuse "--json s.lua is the scenario s.lua" trace s.lua --json s.lua
  refuse "-o s.lua is the scenario s.lua" brief s.lua --party A -o s.lua
  refuse "--transcript p.lua is the scenario p.lua" play p.lua --as East --transcript p.lua
  refuse "-o r.json is the result file r.json" report r.json -o r.json
  ln -s r.json r.html   # the page report would write beside its input is the input
  refuse "the page r.html is the result file r.json" report r.json
  # by another name: ./, .., a symbolic link, a hard link
  refuse "--json ./s.lua is the scenario s.lua" run s.lua --runs 10 --json ./s.lua
  refuse "--json sub/../s.lua is the scenario s.lua" run s.lua --runs 10 --json sub/../s.lua
  refuse "--json alias.lua is the scenario s.lua" run s.lua --runs 10 --json alias.lua
  refuse "--json s.lua is the scenario alias.lua" run alias.lua --runs 10 --json s.lua
  refuse "--json hard.lua is the scenario s.lua" run s.lua --runs 10 --json hard.lua
  # standard output appended to the scenario
  set +e; "$ps" run s.lua --runs 10 --json - >>s.lua 2>err.txt; code=$?; set -e
  [ "$code" = 2 ] && cmp -s s.lua s.orig || fail "--json - >> s.lua: exit $code, the scenario changed"
  # two outputs on one file, new or not, however named
  refuse "--csv x.out and --json x.out are the same file: give each output a path of its own" run s.lua --runs 10 --json x.out --csv x.out
  refuse "--json ./new.json and --report sub/../new.json are the same file" run s.lua --runs 10 --json ./new.json --report sub/../new.json
  refuse "--csv r.json and --json r.json are the same file" sweep s.lua --vary x=1,2 --runs 10 --json r.json --csv r.json
  refuse "--json sub/../x.out and --report x.out are the same file" run s.lua --runs 10 --report x.out --json sub/../x.out
  [ ! -e new.json ] && [ ! -e x.out ] || fail "a refused run wrote a file"
  refuse "--csv - and --json /dev/stdout would both write to standard output" run s.lua --runs 10 --csv - --json /dev/stdout
  # what is not the same: /dev/null takes several outputs; two files are two
  "$ps" run s.lua --runs 10 --json /dev/null --csv /dev/null --quiet || fail "/dev/null twice: exit $?"
  "$ps" run s.lua --runs 10 --json a.json --csv a.csv --quiet || fail "two files: exit $?" ;;
modes_kept)
  # a file written over keeps its permissions (and, as root, its owner and group); a new one
  # follows the umask; every command's outputs
  "$ps" run --runs 100 --json r.json --csv r.csv --report r.html --quiet
  "$ps" brief --party Ukraine -o u.md
  "$ps" report r.json -o page.html
  printf 'q\n' | "$ps" play "$pat" --as East --transcript t.json >/dev/null
  chmod 600 r.json r.html page.html t.json; chmod 640 r.csv; chmod 604 u.md
  if [ $root = 1 ]; then chown 65534:65534 r.json r.csv; fi
  "$ps" run --runs 200 --json r.json --csv r.csv --report r.html --quiet
  "$ps" brief --party Ukraine -o u.md
  "$ps" report r.json -o page.html
  printf 'q\n' | "$ps" play "$pat" --as East --transcript t.json >/dev/null
  [ "$("$jc" get r.json runs)" = 200 ] || fail "not written over"
  for f in r.json:600 r.html:600 page.html:600 t.json:600 r.csv:640 u.md:604; do
    [ "$(stat -c %a "${f%:*}")" = "${f#*:}" ] || fail "${f%:*}: mode $(stat -c %a "${f%:*}"), expected ${f#*:}"
  done
  if [ $root = 1 ]; then
    [ "$(stat -c %u:%g r.json)" = 65534:65534 ] && [ "$(stat -c %u:%g r.csv)" = 65534:65534 ] || fail "the owner changed: $(stat -c %u:%g r.json)"
  fi
  (umask 027; "$ps" run --runs 100 --json new.json --quiet)
  [ "$(stat -c %a new.json)" = 640 ] || fail "a new file under umask 027: mode $(stat -c %a new.json)" ;;
file_size_limit)
  # a file-size limit (ulimit -f) is a write error, as a full disk is: exit 1, a message, the
  # old file as it was, no temporary file (not a kill by SIGXFSZ); the JSON, then the CSV that
  # streams during the run
  "$ps" run --runs 3000 --json r.json --csv r.csv --quiet
  cp r.json before.json; cp r.csv before.csv
  set +e; ( ulimit -f 2; exec "$ps" run --runs 1000 --json r.json --quiet ) 2>err.txt; code=$?; set -e
  [ "$code" = 1 ] || fail "--json: exit $code, expected 1"
  grep -q -- "--json r.json: writing failed: File too large (any earlier file is left as it was)" err.txt || fail "message: $(cat err.txt)"
  cmp r.json before.json || fail "the old JSON changed"
  no_temps r.json
  set +e; ( ulimit -f 20; exec "$ps" run --runs 3000 --csv r.csv --quiet ) 2>err.txt; code=$?; set -e
  [ "$code" = 1 ] || fail "--csv: exit $code, expected 1"
  grep -q -- "--csv r.csv: writing failed: File too large (any earlier file is left as it was)" err.txt || fail "message: $(cat err.txt)"
  cmp r.csv before.csv || fail "the old CSV changed"
  no_temps r.csv ;;
signals)
  # a signal that ends peacesim while a temporary file exists (the CSV's, during the run) leaves
  # no temporary file and the old CSV as it was; peacesim ends by that signal (SIGINT and SIGTERM
  # stop the run with its prefix instead: e2e.sh sigint_reports_the_runs_done)
  ulimit -c 0
  set -m   # background jobs then keep SIGINT and SIGQUIT, as a job run from a terminal does
  "$ps" run --runs 1000 --csv out.csv --quiet
  cp out.csv before.csv
  for sig in HUP QUIT PIPE USR1 ALRM XCPU; do
    "$ps" run --runs 1000000000 --csv out.csv --quiet 2>err.txt &
    pid=$!
    for i in $(seq 1 600); do compgen -G "out.csv.tmp.*" >/dev/null && break; sleep 0.1; done
    compgen -G "out.csv.tmp.*" >/dev/null || fail "SIG$sig: the run made no temporary file"
    sleep 0.3
    kill -"$sig" $pid
    set +e; wait $pid; code=$?; set -e
    want=$((128 + $(kill -l "$sig")))
    [ "$code" = "$want" ] || fail "SIG$sig: exit $code, expected $want"
    no_temps out.csv
    cmp out.csv before.csv || fail "SIG$sig: the old CSV changed"
  done
  # SIGINT and SIGTERM outside the Monte Carlo (here while the script loads) end peacesim too,
  # through the same handler, the old files as they were
  printf 'local x = 0\nfor i = 1, 4e9 do x = x + 1 end\n' > slow.lua
  cat "$scen/good_minimal.lua" >> slow.lua
  for sig in INT TERM; do
    "$ps" run slow.lua --runs 10 --csv out.csv --quiet 2>err.txt &
    pid=$!
    sleep 1
    kill -"$sig" $pid
    set +e; wait $pid; code=$?; set -e
    [ "$code" = $((128 + $(kill -l "$sig"))) ] || fail "SIG$sig while the script loads: exit $code ($(cat err.txt))"
    no_temps out.csv
    cmp out.csv before.csv || fail "SIG$sig: the old CSV changed"
  done
  # a CPU-time limit (ulimit -t) sends SIGXCPU
  set +e; ( ulimit -S -t 2; exec "$ps" run --runs 1000000000 --csv out.csv --quiet ); code=$?; set -e
  [ "$code" = $((128 + $(kill -l XCPU))) ] || fail "ulimit -t: exit $code"
  no_temps out.csv ;;
stdout_closed)
  # a closed standard output: a write to it fails and is reported, and no file takes its place
  set +e; "$ps" --version >&- 2>err.txt; code=$?; set -e
  [ "$code" = 1 ] || fail "--version >&-: exit $code, expected 1"
  grep -q "writing to standard output failed: Bad file descriptor" err.txt || fail "message: $(cat err.txt)"
  set +e; "$ps" run --runs 500 --json r.json --csv r.csv >&- 2>err.txt; code=$?; set -e
  [ "$code" = 1 ] || fail "run >&-: exit $code, expected 1"
  "$jc" schema r.json
  [ "$(wc -l < r.csv)" = 501 ] || fail "the CSV took the summary" ;;
escapes)
  # control characters in a message (from a script, from the command line) are written escaped;
  # a long message is cut, on a character's boundary, and says so
  printf 'error("red \\27[31mALERT\\27[0m\\r\\8 bell\\7 csi\\194\\155 bidi\\226\\128\\174 tab\\tend")\n' > esc.lua
  set +e; "$ps" run esc.lua --runs 10 2>err.txt; code=$?; set -e
  [ "$code" = 2 ] || fail "exit $code, expected 2"
  grep -qF 'red \x1b[31mALERT\x1b[0m\x0d\x08 bell\x07 csi\u009b bidi\u202e tab'$'\t''end' err.txt || fail "not escaped: $(od -c err.txt | head -20)"
  if LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]\|\xc2[\x80-\x9f]' err.txt; then fail "a control character reached stderr"; fi
  set +e; "$ps" brief --party $'\e]0;title\a' 2>err.txt; set -e
  grep -qF -- '--party \x1b]0;title\x07: ' err.txt || fail "a party's name not escaped: $(cat err.txt)"
  set +e; "$ps" run --runs $'\xff\xfe' 2>err.txt; set -e
  grep -qF -- '--runs \xff\xfe: give a whole number' err.txt || fail "bytes that are not UTF-8 not escaped: $(cat err.txt)"
  long=$(head -c 100000 /dev/zero | tr '\0' x)
  set +e; "$ps" run --runs "$long" 2>err.txt; set -e
  [ "$(wc -c < err.txt)" -lt 2200 ] || fail "a 100 KB message printed whole ($(wc -c < err.txt) bytes)"
  grep -q ' \[\.\.\. cut here: the message has 1000[0-9][0-9] bytes\]$' err.txt || fail "no note of the cut: $(tail -c 200 err.txt)"
  for pad in "" x xx; do   # a two-byte and a three-byte character across the cut, at each offset
    for ch in é €; do
      set +e; "$ps" run --runs "$pad$(printf "$ch%.0s" $(seq 1 1500))" 2>err.txt; set -e
      iconv -f UTF-8 -t UTF-8 err.txt >/dev/null || fail "cut inside a character ('$pad', $ch)"
      grep -q 'cut here' err.txt || fail "not cut ('$pad', $ch)"
    done
  done ;;
tty_output)
  # on a terminal, what a script prints (print, and names and docs in tables and stories) cannot
  # drive it: control sequences are escaped; colours pass (play's own). `script` gives a terminal.
  command -v script >/dev/null || fail "script (util-linux) is missing"
  { printf 'print("osc \\27]2;PWNED\\7 clear \\27[2J bs \\8 csi \\194\\155 end")\n'; cat "$scen/good_minimal.lua"; } > evil.lua
  script -q -e -c "$ps run evil.lua --runs 10" out.txt >/dev/null || fail "exit $?"
  grep -qF 'osc \x1b]2;PWNED\x07 clear \x1b[2J bs \x08 csi \u009b end' out.txt || fail "print() not escaped: $(od -c out.txt | head)"
  if grep -q $'\e]2;PWNED\|\e\[2J\|\x08\|\xc2\x9b' out.txt; then fail "a control sequence reached the terminal"; fi
  grep -q "minimal" out.txt || fail "no table"
  # characters and colours that a long line's writes cut in two arrive whole
  { printf 'print(string.rep("\\195\\169\\27[1m\\226\\130\\172", 5000))\n'; cat "$scen/good_minimal.lua"; } > long.lua
  script -q -e -c "$ps run long.lua --runs 10" long.txt >/dev/null || fail "exit $?"
  if grep -q 'x1b\|xc3\|xe2\|x82' long.txt; then fail "a character or a colour cut between two writes was escaped"; fi
  [ "$(grep -o '€' long.txt | wc -l)" = 5000 ] && [ "$(grep -ao $'\e\\[1m' long.txt | wc -l)" = 5000 ] || fail "characters or colours lost"
  # on standard error too (print goes there when the JSON takes standard output)
  script -q -e -c "$ps run evil.lua --runs 10 --json - --quiet" err.txt >/dev/null || fail "exit $?"
  grep -qF 'osc \x1b]2;PWNED\x07' err.txt || fail "print() to stderr not escaped"
  if grep -q $'\e]2;PWNED' err.txt; then fail "a control sequence reached the terminal on stderr"; fi ;;
*) fail "unknown case $case_" ;;
esac
echo "ok $case_"
