#!/usr/bin/env bash
# Runs the probes named in PROBES, each under its own timeout, and ends with a SUMMARY line (README.md).
# When PGPASSWORD is unset and PROBE_DB_SECRET_ARN is set, the database credentials come from Secrets Manager
# (the RDS-managed secret) into this process's environment only; they are never printed.
set -uo pipefail
dir="${PROBE_DIR:-$(cd "$(dirname "$0")" && pwd)}"
probes="${PROBES:-postgres redis s3 endpoints internet}"
limit="${PROBE_TIMEOUT_SECONDS:-60}"
passed=0
failed=0

record() {
  # Pass each line through and count it.
  local line
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    echo "$line"
    case "$line" in
      "PASS "*) passed=$((passed + 1)) ;;
      "FAIL "*) failed=$((failed + 1)) ;;
    esac
  done
}

if [[ " $probes " == *" postgres "* ]] && [ -z "${PGPASSWORD:-}" ] && [ -n "${PROBE_DB_SECRET_ARN:-}" ]; then
  secret_errors=$(mktemp)
  # Under the probes' own limit: a blocked endpoint must not use up the whole run before any probe starts.
  if secret=$(timeout --kill-after=5 "$limit" aws --cli-connect-timeout 10 secretsmanager get-secret-value --secret-id "$PROBE_DB_SECRET_ARN" --query SecretString --output text 2>"$secret_errors"); then
    eval "$(printf '%s' "$secret" | python3 -c 'import json,shlex,sys; s=json.load(sys.stdin); print("export PGPASSWORD=" + shlex.quote(s["password"])); print("[ -n \"${PGUSER:-}\" ] || export PGUSER=" + shlex.quote(s.get("username", "")))')"
  else
    record <<<"FAIL postgres.secret could not read ${PROBE_DB_SECRET_ARN} (secretsmanager endpoint, the role's ReadDatabaseSecret): $(tr '\n' ' ' <"$secret_errors" | cut -c1-200)"
  fi
  rm -f "$secret_errors"
  unset secret
fi

for probe in $probes; do
  script="$dir/$probe.sh"
  if [ ! -f "$script" ]; then
    record <<<"FAIL ${probe}.input no probe named ${probe} in ${dir}"
    continue
  fi
  errors=$(mktemp)
  output=$(timeout --kill-after=5 "$limit" bash "$script" 2>"$errors")
  code=$?
  before_pass=$passed
  before_fail=$failed
  record <<<"$output"
  case "$code" in
    124 | 137) record <<<"FAIL ${probe}.timeout killed after ${limit}s" ;;
    2) record <<<"FAIL ${probe}.input $(tr '\n' ' ' <"$errors" | cut -c1-300)" ;;
    0 | 1)
      # A probe passes on its checks, never on its exit code alone.
      if [ "$passed" -eq "$before_pass" ] && [ "$failed" -eq "$before_fail" ]; then
        record <<<"FAIL ${probe}.no-checks exited ${code} without a PASS or FAIL line: $(tr '\n' ' ' <"$errors" | cut -c1-300)"
      elif [ "$code" -eq 1 ] && [ "$failed" -eq "$before_fail" ]; then
        record <<<"FAIL ${probe}.exit exited 1 without a FAIL line: $(tr '\n' ' ' <"$errors" | cut -c1-300)"
      fi
      ;;
    *) record <<<"FAIL ${probe}.exit exited ${code}: $(tr '\n' ' ' <"$errors" | cut -c1-300)" ;;
  esac
  rm -f "$errors"
done

echo "SUMMARY passed=${passed} failed=${failed}"
[ "$failed" -eq 0 ]
