#!/usr/bin/env bash
# expect.sh --exit N [--stderr REGEX] [--stdout REGEX] [--absent PATH] [--in DIR] -- COMMAND...
# Runs COMMAND and checks its exit status, that its stderr/stdout match the extended regexes,
# and that PATH does not exist afterwards (no partial output). Prints what differed.
set -u
code=0 err_re="" out_re="" absent="" dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --exit) code=$2; shift 2 ;;
    --stderr) err_re=$2; shift 2 ;;
    --stdout) out_re=$2; shift 2 ;;
    --absent) absent=$2; shift 2 ;;
    --in) dir=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "expect.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$dir" ] && { mkdir -p "$dir" && cd "$dir" || exit 1; }
[ -n "$absent" ] && rm -f "$absent"
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
"$@" >"$out" 2>"$err" </dev/null
got=$?
fail=0
if [ "$got" -ne "$code" ]; then echo "exit status $got, expected $code"; fail=1; fi
if [ -n "$err_re" ] && ! grep -Eq -- "$err_re" "$err"; then echo "stderr does not match /$err_re/"; fail=1; fi
if [ -n "$out_re" ] && ! grep -Eq -- "$out_re" "$out"; then echo "stdout does not match /$out_re/"; fail=1; fi
if [ -n "$absent" ] && [ -e "$absent" ]; then echo "$absent exists: a failed run left output"; fail=1; fi
if [ -n "$absent" ] && compgen -G "$absent.tmp.*" >/dev/null; then echo "a temporary file $absent.tmp.* was left"; fail=1; fi
if [ "$fail" -ne 0 ]; then
  echo "--- command: $*"; echo "--- stdout:"; head -c 3000 "$out"; echo "--- stderr:"; head -c 3000 "$err"
fi
exit "$fail"
