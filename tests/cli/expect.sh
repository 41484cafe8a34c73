#!/usr/bin/env bash
# expect.sh --exit N [--stderr REGEX] [--no-stderr REGEX] [--stdout REGEX] [--stdout-to PATH]
#           [--absent PATH] [--in DIR] -- COMMAND...
# Runs COMMAND and checks its exit status, that its stderr/stdout match the extended regexes (and
# stderr not the --no-stderr one), and that PATH does not exist afterwards (no partial output).
# --stdout-to sends the command's standard output to PATH (e.g. /dev/full) instead of a file
# that --stdout reads. Prints what differed.
set -u
code=0 err_re="" no_err_re="" out_re="" out_to="" absent="" dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --exit) code=$2; shift 2 ;;
    --stderr) err_re=$2; shift 2 ;;
    --no-stderr) no_err_re=$2; shift 2 ;;
    --stdout) out_re=$2; shift 2 ;;
    --stdout-to) out_to=$2; shift 2 ;;
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
if [ -n "$out_to" ]; then "$@" >"$out_to" 2>"$err" </dev/null; else "$@" >"$out" 2>"$err" </dev/null; fi
got=$?
fail=0
if [ "$got" -ne "$code" ]; then echo "exit status $got, expected $code"; fail=1; fi
if [ -n "$err_re" ] && ! grep -Eq -- "$err_re" "$err"; then echo "stderr does not match /$err_re/"; fail=1; fi
if [ -n "$no_err_re" ] && grep -Eq -- "$no_err_re" "$err"; then echo "stderr matches /$no_err_re/"; fail=1; fi
if [ -n "$out_re" ] && ! grep -Eq -- "$out_re" "$out"; then echo "stdout does not match /$out_re/"; fail=1; fi
if [ -n "$absent" ] && [ -e "$absent" ]; then echo "$absent exists: a failed run left output"; fail=1; fi
if [ -n "$absent" ] && compgen -G "$absent.tmp.*" >/dev/null; then echo "a temporary file $absent.tmp.* was left"; fail=1; fi
if [ "$fail" -ne 0 ]; then
  echo "--- command: $*"; echo "--- stdout:"; head -c 3000 "$out"; echo "--- stderr:"; head -c 3000 "$err"
fi
exit "$fail"
