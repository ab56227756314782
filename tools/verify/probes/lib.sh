# Sourced by every probe: reporting in the contract of README.md, input checks, clean-up on every exit path.
# shellcheck shell=bash

PROBE_NAME="${PROBE_NAME:-probe}"
PROBE_FAILED=0

# pass <check> <detail…>
pass() {
  local check="$1"
  shift
  echo "PASS ${PROBE_NAME}.${check} $*"
}

# fail <check> <detail…>
fail() {
  local check="$1"
  shift
  echo "FAIL ${PROBE_NAME}.${check} $*"
  PROBE_FAILED=1
}

# require VAR… — exit 2 naming the first missing input.
require() {
  local name
  for name in "$@"; do
    if [ -z "${!name:-}" ]; then
      echo "${PROBE_NAME}: missing input ${name} (see tools/verify/probes/README.md)" >&2
      exit 2
    fi
  done
}

# A unique, lower-case suffix for what a probe creates.
unique_suffix() {
  printf '%s%04x' "$(date +%s)" "$((RANDOM % 65536))"
}

# on_exit <command> — run at exit, whatever the exit path; the last registered runs first (as with defer), so a
# clean-up that needs a temporary file runs before the one that removes it.
PROBE_CLEANUPS=()
on_exit() {
  PROBE_CLEANUPS+=("$1")
}
run_cleanups() {
  local i
  for ((i = ${#PROBE_CLEANUPS[@]} - 1; i >= 0; i--)); do
    eval "${PROBE_CLEANUPS[$i]}" || true
  done
}
trap run_cleanups EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

# The probe's exit code: 0 when every check passed, 1 otherwise.
finish() {
  exit "$PROBE_FAILED"
}

# One line of a command's standard error, for a detail (no newlines, bounded).
first_line() {
  tr '\n' ' ' | cut -c1-200
}
