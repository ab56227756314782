#!/usr/bin/env bash
# S3 through the gateway endpoint (tasks.md 14.4): PUT, GET (content read back) and DELETE of a unique object
# under PROBE_S3_PREFIX, including the version the PUT created (the buckets are versioned). From a private subnet
# without a route out, success means the gateway endpoint carried the requests. Requests are signed by curl
# (SigV4) with the environment's credentials or the instance role's from IMDSv2; none is ever printed.
set -uo pipefail
PROBE_NAME=s3
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
require PROBE_S3_BUCKET AWS_REGION
prefix="${PROBE_S3_PREFIX:-_verify/}"
endpoint="${PROBE_S3_ENDPOINT:-https://${PROBE_S3_BUCKET}.s3.${AWS_REGION}.amazonaws.com}"
wait_s="${PROBE_S3_TIMEOUT:-15}"

if [ -z "${AWS_ACCESS_KEY_ID:-}" ]; then
  # The instance role, through IMDSv2 (the probe instance allows token-protected metadata only).
  imds=http://169.254.169.254/latest
  token=$(curl -sf -m 5 -X PUT "$imds/api/token" -H 'X-aws-ec2-metadata-token-ttl-seconds: 300') || {
    echo "s3: no AWS_ACCESS_KEY_ID and no instance metadata (IMDSv2) to take the role's credentials from" >&2
    exit 2
  }
  role=$(curl -sf -m 5 -H "X-aws-ec2-metadata-token: $token" "$imds/meta-data/iam/security-credentials/")
  creds=$(curl -sf -m 5 -H "X-aws-ec2-metadata-token: $token" "$imds/meta-data/iam/security-credentials/$role")
  eval "$(printf '%s' "$creds" | python3 -c 'import json,shlex,sys; c=json.load(sys.stdin); print("\n".join(f"export {k}={shlex.quote(c[v])}" for k, v in (("AWS_ACCESS_KEY_ID","AccessKeyId"),("AWS_SECRET_ACCESS_KEY","SecretAccessKey"),("AWS_SESSION_TOKEN","Token"))))')"
fi
require AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY

key="${prefix}s3-probe-$(unique_suffix).txt"
body="ShowCore S3 probe $(unique_suffix)"
headers=$(mktemp)
on_exit "rm -f '$headers'"

# s3 <method> <url> [curl args…]: prints the HTTP status; the response body goes to $S3_BODY.
S3_BODY=$(mktemp)
on_exit "rm -f '$S3_BODY'"
s3() {
  local method="$1" url="$2"
  shift 2
  local session=()
  [ -n "${AWS_SESSION_TOKEN:-}" ] && session=(-H "x-amz-security-token: ${AWS_SESSION_TOKEN}")
  curl -s -m "$wait_s" -o "$S3_BODY" -D "$headers" -w '%{http_code}' -X "$method" \
    --aws-sigv4 "aws:amz:${AWS_REGION}:s3" --user "${AWS_ACCESS_KEY_ID}:${AWS_SECRET_ACCESS_KEY}" \
    -H 'x-amz-content-sha256: UNSIGNED-PAYLOAD' "${session[@]}" "$@" "$url" 2>/dev/null || echo "000"
}
header() {
  tr -d '\r' <"$headers" | awk -v name="$(echo "$1" | tr 'A-Z' 'a-z')" -F': ' 'tolower($1) == name { print $2 }' | tail -1
}

url="${endpoint%/}/${key}"
status=$(s3 PUT "$url" --data-binary "$body" -H 'Content-Type: text/plain')
version=$(header x-amz-version-id)
if [ "$status" = "200" ]; then
  pass put "PUT s3://${PROBE_S3_BUCKET}/${key}${version:+ (version ${version})}"
  delete_url="$url${version:+?versionId=${version}}"
  on_exit "s3 DELETE '$delete_url' >/dev/null"
  status=$(s3 GET "$url")
  if [ "$status" = "200" ] && [ "$(cat "$S3_BODY")" = "$body" ]; then
    pass get "GET returned the object written"
  else
    fail get "GET answered HTTP ${status}$( [ "$status" = "200" ] && echo ' with other content')"
  fi
  status=$(s3 DELETE "$delete_url")
  if [ "$status" = "204" ] || [ "$status" = "200" ]; then
    pass delete "DELETE ${version:+of version ${version} }answered HTTP ${status}"
  else
    fail delete "DELETE answered HTTP ${status}"
  fi
else
  fail put "PUT s3://${PROBE_S3_BUCKET}/${key} answered HTTP ${status}: $(head -c 300 "$S3_BODY" | first_line)"
fi
finish
