#!/usr/bin/env bash
# The test command (`npm test`): static checks, unit tests, then the same end-to-end suite against
# the embedded platform and against the distributed one (five processes on Postgres and NATS).
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
