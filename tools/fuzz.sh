#!/usr/bin/env bash
# `npm run fuzz [-- --mode embedded|distributed] [--runs N] [--seed S]`: a long pass of the hostile
# input suite (e2e/fuzz) against a fresh platform; prints and keeps the tally (bench/results/fuzz-*.json).
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/node24.sh
mode=embedded runs=2000 seed=
while [ $# -gt 0 ]; do
  case "$1" in
    --mode) mode="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    *) echo "usage: npm run fuzz -- [--mode embedded|distributed] [--runs N per endpoint] [--seed S]" >&2; exit 64 ;;
  esac
done
npx nx run-many -t build --output-style=static >/dev/null
mkdir -p bench/results
report="bench/results/fuzz-${mode}-$(date -u +%Y%m%dT%H%M%SZ).json"
inspector=()
# The embedded platform is one process: its heap is weighed over the inspector (the services of the distributed one would share the port).
if [ "$mode" = embedded ]; then inspector=(E2E_PLATFORM_NODE_OPTIONS=--inspect=127.0.0.1:9230 E2E_INSPECT_PORT=9230); fi
status=0
env "${inspector[@]}" E2E_MODE="$mode" FUZZ_RUNS="$runs" FUZZ_SEED="$seed" FUZZ_REPORT="$report" \
  node --experimental-vm-modules node_modules/jest/bin/jest.js --selectProjects e2e --runInBand -- e2e/fuzz || status=$?
node tools/fuzz-summary.mjs "$report"
exit "$status"
