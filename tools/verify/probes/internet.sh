#!/usr/bin/env bash
# No way out (tasks.md 14.5, design: no NAT gateway): every URL must be unreachable from the private subnet.
set -uo pipefail
PROBE_NAME=internet
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
urls="${PROBE_INTERNET_URLS:-https://checkip.amazonaws.com https://aws.amazon.com}"
wait_s="${PROBE_INTERNET_TIMEOUT:-5}"
index=0
for url in $urls; do
  index=$((index + 1))
  code=$(curl -s -o /dev/null -m "$wait_s" -w '%{http_code}' "$url" 2>/dev/null)
  if [ -z "$code" ] || [ "$code" = "000" ]; then
    pass "unreachable-${index}" "${url} unreachable within ${wait_s}s"
  else
    fail "unreachable-${index}" "${url} answered HTTP ${code}: the private subnet has a route out"
  fi
done
finish
