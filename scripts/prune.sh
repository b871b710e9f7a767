#!/usr/bin/env bash
# Retention for cron: deletes what is older than `socialtime config retention` (entries, results,
# justifications, audit rows) and scrubs it out of the database files.
#
#   scripts/prune.sh
#
# - silent on success (cron mails nothing), also when no retention is set (prune does nothing);
# - takes a lock (flock) so that two runs never overlap;
# - retries when socialtime exits 75 (database busy), with a pause between attempts;
# - on failure prints one line with socialtime's reason on stderr and exits with its status.
#
# Environment: SOCIALTIME (the binary, default: socialtime on PATH), SOCIALTIME_DB,
# SOCIALTIME_PRUNE_ATTEMPTS (default 5), SOCIALTIME_PRUNE_PAUSE (seconds, default 30),
# SOCIALTIME_PRUNE_LOCK (default: beside the database, DB.prune.lock; for a server,
# $XDG_RUNTIME_DIR or $HOME/.socialtime-prune.lock).
set -uo pipefail

binary="${SOCIALTIME:-socialtime}"
attempts="${SOCIALTIME_PRUNE_ATTEMPTS:-5}"
pause="${SOCIALTIME_PRUNE_PAUSE:-30}"
started="$(date -u +%Y-%m-%dT%H:%M:%SZ)"

fail() { echo "prune: $started FAILED: $*" >&2; exit "${status:-1}"; }

# The lock lives beside the database (a file in /tmp could be created and held by any other
# account, blocking every run for an hour); a server's, in this account's own runtime folder.
default_lock() {
  local database="${SOCIALTIME_DB:-}"
  if [ -z "$database" ]; then database="$("$binary" db path 2>/dev/null)" || database=""; fi
  if [ -n "$database" ] && [[ "$database" != postgres* ]]; then
    echo "$database.$1.lock"
  else
    echo "${XDG_RUNTIME_DIR:-${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}}/.socialtime-$1.lock"
  fi
}
lock="${SOCIALTIME_PRUNE_LOCK:-$(default_lock prune)}"

# A mistyped database file: socialtime's own 66 and message, as the other scripts give, rather
# than a lock file that cannot be created beside it.
if [ -n "${SOCIALTIME_DB:-}" ] && [[ "$SOCIALTIME_DB" != postgres* ]] && [ ! -e "$SOCIALTIME_DB" ]; then
  output="$("$binary" db prune 2>&1)"
  status=$?
  [ "$status" -eq 0 ] && status=66
  fail "exit $status: $(echo "$output" | tr '\n' ' ')"
fi

exec 9>>"$lock" || fail "cannot open the lock file $lock"
if ! flock -w 3600 9; then
  fail "another prune held $lock for an hour"
fi

for attempt in $(seq 1 "$attempts"); do
  output="$("$binary" db prune 2>&1)"
  status=$?
  if [ "$status" -eq 0 ]; then
    exit 0
  fi
  if [ "$status" -ne 75 ] || [ "$attempt" -eq "$attempts" ]; then
    fail "exit $status, attempt $attempt: $(echo "$output" | tr '\n' ' ')"
  fi
  sleep "$pause"
done
