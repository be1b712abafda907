#!/usr/bin/env bash
# Shared by the curl walkthroughs (test-consistent-hashing.sh, test-anti-entropy.sh): count and
# print checks, call the services, read JSON fields without jq (a fresh machine has none).
# Sourced, not run: the caller sets `set -uo pipefail` and ends with `finish`.

failures=0
checks=0

# Credentials: the cluster's generated keys (./setup.sh writes run/security/keys.env; KEYS_FILE
# points elsewhere). Storage nodes take the internal token; every other service the admin key, which
# reaches what ingest and read keys do. Without the file (security off) nothing is sent.
KEYS_FILE=${KEYS_FILE:-$(dirname "${BASH_SOURCE[0]}")/../run/security/keys.env}
# shellcheck disable=SC1090
[ -f "$KEYS_FILE" ] && . "$KEYS_FILE"
curl() {
  local arg url="" auth=()
  for arg in "$@"; do case "$arg" in http://*|https://*) url=$arg ;; esac; done
  [ -n "${LOGSTORE_ADMIN_KEY:-}" ] && auth=(-H "X-API-Key: $LOGSTORE_ADMIN_KEY")
  for arg in ${NODES:-}; do
    [[ "$url" == "$arg"/* && -n "${LOGSTORE_INTERNAL_TOKEN:-}" ]] && auth=(-H "X-Internal-Token: $LOGSTORE_INTERNAL_TOKEN")
  done
  command curl ${auth[@]+"${auth[@]}"} "$@"
}

pass() { checks=$((checks + 1)); printf '  PASS  %s\n' "$1"; }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); printf '  FAIL  %s\n' "$1" >&2; [ -n "${2:-}" ] && printf '        %s\n' "$2" >&2; }
check() { # check "description" command...
  local what=$1; shift
  local out
  if out=$("$@" 2>&1); then pass "$what"; else fail "$what" "$out"; fi
}
body() { curl -sS --max-time 10 "$@"; }
status() { curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@"; }
# Status line, headers and body in one string, for checks of the status and the content type.
answer() { curl -s -i --max-time 10 "$@"; }
post_json() { local url=$1 data=$2; shift 2; curl -s -i --max-time 30 -X POST -H 'Content-Type: application/json' "$url" -d "$data" "$@"; }
# The body of an `answer` (after the blank line that ends the headers).
body_of() { sed '1,/^\r\{0,1\}$/d' <<<"$1"; }
# JSON fields by pattern (no jq on a fresh machine); one line out, even when the body has no final newline.
# The first occurrence of the field wins.
json_number() { local v; v=$(grep -o "\"$1\":-\?[0-9.]*" | head -1 | sed 's/.*://'); printf '%s\n' "$v"; }
json_string() { local v; v=$(grep -o "\"$1\":\"[^\"]*\"" | head -1 | sed 's/^[^:]*:"//; s/"$//'); printf '%s\n' "$v"; }
json_bool() { local v; v=$(grep -o "\"$1\":\(true\|false\)" | head -1 | sed 's/.*://'); printf '%s\n' "$v"; }
contains() { grep -q -- "$2" <<<"$1" || { echo "expected '$2' in: ${1:0:400}"; return 1; }; }
lacks() { ! grep -q -- "$2" <<<"$1" || { echo "did not expect '$2' in: ${1:0:400}"; return 1; }; }
equals() { [ "$1" == "$2" ] || { echo "expected '$2', got '$1'"; return 1; }; }
at_least() { [ -n "$1" ] && [ "$1" -ge "$2" ] 2>/dev/null || { echo "expected at least $2, got '$1'"; return 1; }; }
problem() { # problem "answer" code: the status line and an application/problem+json content type
  contains "$1" "^HTTP/[0-9.]* $2" && contains "$1" "[Cc]ontent-[Tt]ype: application/problem+json"
}
# Prints the tally; exits 1 if any check failed.
finish() {
  echo
  if [ "$failures" -gt 0 ]; then
    echo "FAILED: $failures of $checks checks" >&2
    exit 1
  fi
  echo "All $checks checks passed"
}
