#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on 127.0.0.1 for the test suite and prints the connection string
# the tests read from CITYWARMTH_TEST_POSTGRES. Usage: eval "$(tests/postgres/start.sh)"; ... ; tests/postgres/stop.sh
# PGDURABLE=1 keeps fsync and synchronous_commit on, as a production server runs (for benchmarks); by default both are
# off, since the tests' throwaway databases need no durability. PGPROFILE=1 loads pg_stat_statements (then
# CREATE EXTENSION pg_stat_statements in the bot's database and read the view).
set -euo pipefail
PGPORT=${PGPORT:-55432}
PGDIR=${PGDIR:-/tmp/citywarmth-pg}
profiling=""; [ "${PGPROFILE:-0}" = 1 ] && profiling="-c shared_preload_libraries=pg_stat_statements"
if [ "${PGDURABLE:-0}" = 1 ]; then durability="-c fsync=on -c synchronous_commit=on"; else durability="-c fsync=off -c synchronous_commit=off"; fi
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ]; then
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
# PostgreSQL refuses to run as root: run it as the postgres user (or the current user when not root).
run() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then useradd --system --home /var/lib/postgresql postgres; fi
if [ ! -f "$PGDIR/PG_VERSION" ]; then
  rm -rf "$PGDIR"; mkdir -p "$PGDIR"
  [ "$(id -u)" = 0 ] && chown postgres "$PGDIR"
  run "'$bin/initdb' -D '$PGDIR' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
fi
if ! run "'$bin/pg_ctl' -D '$PGDIR' status" >/dev/null 2>&1; then
  run "'$bin/pg_ctl' -D '$PGDIR' -l '$PGDIR/server.log' -w -o \"-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 $durability -c max_connections=300 $profiling\" start" >/dev/null
fi
echo "export CITYWARMTH_TEST_POSTGRES='Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres'"
