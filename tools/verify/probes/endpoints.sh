#!/usr/bin/env bash
# Interface endpoints (tasks.md 14.5): each service name resolves only to addresses inside the VPC's CIDR
# (private DNS of the endpoint, not the public service) and answers HTTPS.
set -uo pipefail
PROBE_NAME=endpoints
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
require PROBE_ENDPOINT_HOSTS PROBE_VPC_CIDR
port="${PROBE_ENDPOINT_PORT:-443}"
wait_s="${PROBE_ENDPOINT_TIMEOUT:-10}"

ip_to_int() {
  local IFS=.
  # shellcheck disable=SC2086
  set -- $1
  echo $(((${1} << 24) + (${2} << 16) + (${3} << 8) + ${4}))
}
# in_cidr <ipv4> <a.b.c.d/n>
in_cidr() {
  local net="${2%/*}" bits="${2#*/}"
  local mask=$(((0xFFFFFFFF << (32 - bits)) & 0xFFFFFFFF))
  [ $(($(ip_to_int "$1") & mask)) -eq $(($(ip_to_int "$net") & mask)) ]
}

ca=()
[ -n "${PROBE_ENDPOINT_CA_BUNDLE:-}" ] && ca=(--cacert "$PROBE_ENDPOINT_CA_BUNDLE")
for host in $PROBE_ENDPOINT_HOSTS; do
  check=$(echo "${host%%.amazonaws.com}" | tr '.' '-' | tr -cd 'a-z0-9-')
  addresses=$(getent ahostsv4 "$host" | awk '{ print $1 }' | sort -u | tr '\n' ' ')
  if [ -z "$addresses" ]; then
    fail "${check}-private-dns" "${host} does not resolve"
  else
    outside=""
    for address in $addresses; do in_cidr "$address" "$PROBE_VPC_CIDR" || outside="$outside $address"; done
    if [ -z "$outside" ]; then
      pass "${check}-private-dns" "${host} -> ${addresses}(inside ${PROBE_VPC_CIDR})"
    else
      fail "${check}-private-dns" "${host} resolves outside ${PROBE_VPC_CIDR}:${outside} (private DNS of the endpoint is off, or there is no endpoint)"
    fi
  fi
  code=$(curl -s -o /dev/null -m "$wait_s" -w '%{http_code}' "${ca[@]}" "https://${host}:${port}/" 2>/dev/null)
  if [ -n "$code" ] && [ "$code" != "000" ]; then
    pass "${check}-answers" "https://${host}:${port}/ answered HTTP ${code}"
  else
    fail "${check}-answers" "https://${host}:${port}/ did not answer within ${wait_s}s (endpoint security group, HTTPS from the app security group)"
  fi
done
finish
