#!/usr/bin/env bash
# `npm start`, `npm run start:distributed`, `npm run migrate`, `npm run api-key`, `npm run bench`, `npm run soak`: build, then run the
# entry point on Node 24 (tools/node24.sh), whatever Node the machine has.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/node24.sh
target="$1"; shift
npx nx run-many -t build --output-style=static >/dev/null
case "$target" in
  embedded) exec node apps/platform/dist/main.js "$@" ;;
  distributed) exec node apps/platform/dist/distributed.js "$@" ;;
  migrate) exec node apps/platform/dist/migrate.js "$@" ;;
  api-key) exec node apps/platform/dist/api-key-cli.js "$@" ;;
  bench) exec node bench/dist/main.js "$@" ;;
  soak) exec node bench/dist/soak/main.js "$@" ;;
  *) echo "unknown target: $target" >&2; exit 64 ;;
esac
