#!/bin/sh
set -e
case "$1" in
  offer-service|auth-service|credential-service|deferred-service|session-log-service)
    exec node "apps/$1/dist/main.js" ;;
  gateway) exec node apps/platform/dist/gateway-main.js ;;
  migrate) exec node apps/platform/dist/migrate.js ;;
  embedded) exec node apps/platform/dist/main.js ;;
  *) exec "$@" ;;
esac
