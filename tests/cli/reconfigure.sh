#!/usr/bin/env bash
# reconfigure.sh ROOT WORKDIR: every build sees what setup installed. On a fresh machine README's
# scripts/run builds before chromium is installed, then scripts/test installs it and builds again:
# the second configure must find it. Here scripts/build configures a scratch build folder with
# chromium hidden from PATH, then with it: the browser tests must then be registered, not the
# cli.report.browser_missing stand-in of the first configure; and a chromium that was found and
# has gone since is forgotten at the next configure. Nothing is installed or removed.
set -euo pipefail
root=$1 work=$2
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work/hidden" "$work/fake"
command -v chromium >/dev/null || command -v chromium-browser >/dev/null || fail "chromium is not on PATH: scripts/test installs it"
# a PATH with every program of this one but chromium
IFS=: read -ra dirs <<< "$PATH"
for d in "${dirs[@]}"; do
  [ -d "$d" ] || continue
  for f in "$d"/*; do
    name=${f##*/}
    case $name in chromium|chromium-browser) continue ;; esac
    [ -e "$work/hidden/$name" ] || [ -L "$work/hidden/$name" ] || ln -s "$f" "$work/hidden/$name"
  done
done
export PEACESIM_BUILD=$work/build
unset PEACESIM_CMAKE_ARGS PEACESIM_BUILD_TYPE
registered() { (cd "$work/build" && ctest -N) > "$work/tests.txt" && grep -q " $1\$" "$work/tests.txt"; }
# json_check: a small target, so each step builds something real, but quickly
PATH=$work/hidden "$root/scripts/build" json_check || fail "the build without chromium failed"
registered cli.report.browser_missing || fail "chromium was not hidden: $(grep report "$work/tests.txt")"
# then installed (a stand-in first on PATH): found
printf '#!/bin/sh\nexit 0\n' > "$work/fake/chromium"
chmod +x "$work/fake/chromium"
PATH=$work/fake:$work/hidden "$root/scripts/build" json_check || fail "the build with a chromium failed"
registered cli.report.run_in_browser || fail "the configure after chromium came did not find it (a stale CMake cache)"
if registered cli.report.browser_missing; then fail "the stand-in test is still there"; fi
grep -qx "CHROMIUM:FILEPATH=$work/fake/chromium" "$work/build/CMakeCache.txt" || fail "not the chromium put on PATH: $(grep ^CHROMIUM "$work/build/CMakeCache.txt")"
# then removed: forgotten
rm "$work/fake/chromium"
PATH=$work/hidden "$root/scripts/build" json_check
registered cli.report.browser_missing || fail "a chromium that has gone is still used: $(grep ^CHROMIUM "$work/build/CMakeCache.txt")"
# and the real one, with this PATH
"$root/scripts/build" json_check
registered cli.report.run_in_browser || fail "the system's chromium was not found"
echo "ok"
