#!/usr/bin/env bash
# Stops the throwaway PostgreSQL server started by start.sh.
PGDIR=${PGDIR:-/tmp/citywarmth-pg}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] && [ -f "$PGDIR/PG_VERSION" ] || exit 0
if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "'$bin/pg_ctl' -D '$PGDIR' -m fast stop" >/dev/null 2>&1
else "$bin/pg_ctl" -D "$PGDIR" -m fast stop >/dev/null 2>&1; fi
exit 0
