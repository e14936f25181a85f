#!/usr/bin/env bash
# The test command (`npm test`): static checks, unit tests, then the same end-to-end suite against
# the embedded platform and against the distributed one (five processes on Postgres and NATS), then a
# short soak of the distributed platform under faults.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/node24.sh

jest() { node --experimental-vm-modules node_modules/jest/bin/jest.js "$@"; }

echo "== typecheck"; npx tsc -p tsconfig.json --noEmit
# The build computes Nx's project graph, which the module boundary lint rule reads.
echo "== build"; npx nx run-many -t build --output-style=static >/dev/null
echo "== lint"; npx eslint --max-warnings 0 .
echo "== unit"; jest --selectProjects unit
echo "== e2e (embedded)"; E2E_MODE=embedded jest --selectProjects e2e --runInBand
echo "== e2e (distributed)"; E2E_MODE=distributed jest --selectProjects e2e --runInBand
# `npm run soak` runs thousands of flows; this short pass still kills every service, restarts NATS and PostgreSQL once each.
echo "== soak (short)"; node bench/dist/soak/main.js --flows 40 --concurrency 6 --fault-interval 2
