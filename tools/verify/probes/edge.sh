#!/usr/bin/env bash
# CloudFront from outside the VPC (tasks.md 9.4, 14.1): the test object is served over HTTPS with its content,
# plain HTTP is redirected to HTTPS, responses are compressed, a repeat request is a cache hit, and the bucket's
# own URL answers 403 (origin access control only). The orchestrator uploads and removes the object.
set -uo pipefail
PROBE_NAME=edge
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
require PROBE_CDN_URL PROBE_EXPECTED_BODY_FILE PROBE_BUCKET_URL
http_url="${PROBE_CDN_HTTP_URL:-http://${PROBE_CDN_URL#https://}}"
wait_s="${PROBE_EDGE_TIMEOUT:-15}"
ca=()
[ -n "${PROBE_CA_BUNDLE:-}" ] && ca=(--cacert "$PROBE_CA_BUNDLE")
body=$(mktemp)
headers=$(mktemp)
on_exit "rm -f '$body' '$headers'"

# get <url> [curl args…]: prints the HTTP status; body and headers to the temp files.
get() {
  local url="$1"
  shift
  curl -s -m "$wait_s" "${ca[@]}" -o "$body" -D "$headers" -w '%{http_code}' "$@" "$url" 2>/dev/null || echo "000"
}
header() {
  tr -d '\r' <"$headers" | awk -v name="$(echo "$1" | tr 'A-Z' 'a-z')" -F': ' 'tolower($1) == name { print $2 }' | tail -1
}

status=$(get "$PROBE_CDN_URL")
if [ "$status" = "200" ] && cmp -s "$body" "$PROBE_EXPECTED_BODY_FILE"; then
  pass https "${PROBE_CDN_URL} served the test object over HTTPS"
else
  fail https "${PROBE_CDN_URL} answered HTTP ${status}$( [ "$status" = "200" ] && echo ' with other content')"
fi

status=$(get "$http_url")
location=$(header location)
case "$status" in
  301 | 302 | 307 | 308)
    if [ "${location#https://}" != "$location" ]; then
      pass http-redirect "HTTP ${status} to ${location}"
    else
      fail http-redirect "HTTP ${status} to ${location:-nowhere}, not to https://"
    fi
    ;;
  *) fail http-redirect "plain HTTP answered ${status} instead of redirecting to HTTPS" ;;
esac

status=$(get "$PROBE_CDN_URL" -H 'Accept-Encoding: gzip, br')
encoding=$(header content-encoding)
if [ "$status" = "200" ] && { [ "$encoding" = "gzip" ] || [ "$encoding" = "br" ]; }; then
  pass compression "Content-Encoding: ${encoding}"
else
  fail compression "HTTP ${status}, Content-Encoding: ${encoding:-none} (compression off, or the object under 1,000 bytes)"
fi

hit=""
for attempt in 1 2 3; do
  status=$(get "$PROBE_CDN_URL")
  cache=$(header x-cache)
  case "$cache" in *[Hh]it*) hit="$cache" && break ;; esac
  [ "$attempt" -lt 3 ] && sleep "${PROBE_EDGE_RETRY_SECONDS:-2}"
done
if [ -n "$hit" ]; then
  pass cache-hit "X-Cache: ${hit}"
else
  fail cache-hit "no cache hit in 3 repeat requests (last X-Cache: ${cache:-none}, HTTP ${status})"
fi

status=$(get "$PROBE_BUCKET_URL")
if [ "$status" = "403" ]; then
  pass bucket-private "the bucket's own URL answered 403"
else
  fail bucket-private "the bucket's own URL answered HTTP ${status}: only CloudFront may read it"
fi
finish
