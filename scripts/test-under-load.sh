#!/usr/bin/env bash
# Runs the test suite while every CPU core is saturated by other work, to
# check that no test depends on the machine being fast (README, Development).
# Starts one busy loop per core, runs the given command (default: npm test),
# stops exactly the loops it started, and exits with the command's status.
# Usage: bash scripts/test-under-load.sh [command ...]
#        HOGS=8 bash scripts/test-under-load.sh npm run test:fast
set -euo pipefail
cd "$(dirname "$0")/.."

hogs="${HOGS:-$(nproc)}"
pids=()
stop_hogs() { ((${#pids[@]})) && kill "${pids[@]}" 2> /dev/null || true; }
trap stop_hogs EXIT INT TERM
for ((i = 0; i < hogs; i++)); do
  # Low priority would defeat the purpose: the hogs compete as equals.
  node -e 'for (;;) {}' &
  pids+=($!)
done
echo "test-under-load: ${hogs} busy loops running (PIDs ${pids[*]})"
if (($# == 0)); then set -- npm test; fi
start=$SECONDS
status=0
"$@" || status=$?
echo "test-under-load: '$*' exited with ${status} after $((SECONDS - start)) s beside ${hogs} busy loops"
exit "$status"
