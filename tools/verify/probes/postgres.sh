#!/usr/bin/env bash
# PostgreSQL over TLS (tasks.md 14.2): psql with sslmode=verify-full against the CA bundle connects and the
# session is encrypted; CRUD works on a uniquely named table (dropped on every exit path); a connection with
# sslmode=disable is refused. Never prints the password (libpq reads PGPASSWORD itself).
set -uo pipefail
PROBE_NAME=postgres
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
require PGHOST PGPORT PGUSER PGPASSWORD PROBE_DB_CA_BUNDLE
export PGDATABASE="${PGDATABASE:-postgres}" PGCONNECT_TIMEOUT="${PGCONNECT_TIMEOUT:-10}"

tls="sslmode=verify-full sslrootcert=${PROBE_DB_CA_BUNDLE}"
table="showcore_verify_$(unique_suffix)"
sql() {
  psql "$tls" -X -q -t -A -v ON_ERROR_STOP=1 -c "$1" 2>&1
}

if out=$(sql "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"); then
  if [ "$out" = "t" ]; then
    pass tls "verify-full connection to ${PGHOST}:${PGPORT} is encrypted"
  else
    fail tls "connected, but pg_stat_ssl says ssl=${out}"
  fi
else
  fail tls "verify-full connection to ${PGHOST}:${PGPORT} failed: $(echo "$out" | first_line)"
  finish
fi

on_exit "psql \"\$tls\" -X -q -c 'DROP TABLE IF EXISTS ${table}' >/dev/null 2>&1"
crud="
CREATE TABLE ${table} (id integer PRIMARY KEY, note text NOT NULL);
INSERT INTO ${table} VALUES (1, 'written');
UPDATE ${table} SET note = 'updated' WHERE id = 1;
"
if out=$(sql "$crud") && read_back=$(sql "SELECT note FROM ${table} WHERE id = 1") && [ "$read_back" = "updated" ] \
  && out=$(sql "DELETE FROM ${table} WHERE id = 1") && remaining=$(sql "SELECT count(*) FROM ${table}") && [ "$remaining" = "0" ] \
  && out=$(sql "DROP TABLE ${table}"); then
  pass crud "create, insert, update, select, delete and drop of ${table}"
else
  fail crud "on ${table}: ${read_back:-}${remaining:+ remaining=$remaining} $(echo "${out:-}" | first_line)"
fi

if out=$(psql "sslmode=disable" -X -q -t -A -c "SELECT 1" 2>&1); then
  fail plaintext-refused "a connection with sslmode=disable was accepted: the server must require TLS"
else
  pass plaintext-refused "sslmode=disable refused: $(echo "$out" | first_line)"
fi
finish
