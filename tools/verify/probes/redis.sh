#!/usr/bin/env bash
# Redis over TLS (tasks.md 14.3): redis-cli --tls SET/GET/DEL of a unique key works (the key is deleted on every
# exit path); a plain-TCP connection to the same port gets no PONG.
set -uo pipefail
PROBE_NAME=redis
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
require PROBE_REDIS_HOST PROBE_REDIS_PORT PROBE_REDIS_CA_BUNDLE
cli="${PROBE_REDIS_CLI:-}"
if [ -z "$cli" ]; then
  if command -v redis-cli >/dev/null; then cli=redis-cli; elif command -v redis6-cli >/dev/null; then cli=redis6-cli; else
    echo "redis: neither redis-cli nor redis6-cli is installed" >&2
    exit 2
  fi
fi
wait_s="${PROBE_REDIS_TIMEOUT:-10}"
tls() {
  timeout "$wait_s" "$cli" --tls --cacert "$PROBE_REDIS_CA_BUNDLE" -h "$PROBE_REDIS_HOST" -p "$PROBE_REDIS_PORT" --no-raw "$@" 2>&1
}
plain() {
  timeout "$wait_s" "$cli" -h "$PROBE_REDIS_HOST" -p "$PROBE_REDIS_PORT" "$@" 2>&1
}

key="showcore:verify:$(unique_suffix)"
value="written-$(unique_suffix)"
if out=$(tls PING) && [ "$out" = "PONG" ]; then
  pass tls "TLS connection to ${PROBE_REDIS_HOST}:${PROBE_REDIS_PORT} answers PONG"
  on_exit "tls DEL '$key' >/dev/null 2>&1"
  set_out=$(tls SET "$key" "$value" EX 300)
  get_out=$(tls GET "$key")
  del_out=$(tls DEL "$key")
  left=$(tls EXISTS "$key")
  if [ "$set_out" = "OK" ] && [ "$get_out" = "\"$value\"" ] && [ "$del_out" = "(integer) 1" ] && [ "$left" = "(integer) 0" ]; then
    pass set-get-del "SET, GET (value read back) and DEL of ${key}"
  else
    fail set-get-del "SET=${set_out} GET=${get_out} DEL=${del_out} EXISTS-after=${left}"
  fi
else
  fail tls "TLS connection to ${PROBE_REDIS_HOST}:${PROBE_REDIS_PORT} failed: $(echo "${out:-}" | first_line)"
fi

if out=$(plain PING) && [ "$out" = "PONG" ]; then
  fail plain-tcp-refused "a plain-TCP connection answered PONG: the server must accept TLS only"
else
  pass plain-tcp-refused "plain TCP gets no PONG: $(echo "${out:-no answer}" | first_line)"
fi
finish
