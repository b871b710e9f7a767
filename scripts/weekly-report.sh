#!/usr/bin/env bash
# Monday mail for cron: last week's report (`socialtime report --format email`: text and HTML,
# To the managers with an e-mail address) handed to the system's sendmail interface.
#
#   scripts/weekly-report.sh
#
# - silent on success (cron mails any output); on failure one line on stderr and a non-zero exit:
#   socialtime's own status (64 no manager has an address, 66 no database, …) or sendmail's;
# - takes a lock (flock) so that two runs never overlap and a manager never gets it twice at once;
# - retries when socialtime exits 75 (database busy), with a pause between attempts.
#
# Environment: SOCIALTIME (the binary, default: socialtime on PATH), SOCIALTIME_DB, SENDMAIL (the
# sendmail-compatible command, default: sendmail; it is run as `$SENDMAIL -t`, e.g.
# SENDMAIL="msmtp --account=office"), SOCIALTIME_REPORT_WEEK (default: last),
# SOCIALTIME_MAIL_ATTEMPTS (default 5), SOCIALTIME_MAIL_PAUSE (seconds, default 30),
# SOCIALTIME_MAIL_LOCK (default: beside the database, DB.weekly-report.lock; for a server,
# $XDG_RUNTIME_DIR or $HOME/.socialtime-weekly-report.lock).
set -uo pipefail

binary="${SOCIALTIME:-socialtime}"
sendmail="${SENDMAIL:-sendmail}"
week="${SOCIALTIME_REPORT_WEEK:-last}"
attempts="${SOCIALTIME_MAIL_ATTEMPTS:-5}"
pause="${SOCIALTIME_MAIL_PAUSE:-30}"
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
lock="${SOCIALTIME_MAIL_LOCK:-$(default_lock weekly-report)}"

fail() { echo "weekly-report: $(date -u +%Y-%m-%dT%H:%M:%SZ) FAILED: $*" >&2; }

work="$(mktemp -d)" || { fail "cannot create a temporary folder"; exit 1; }
trap 'rm -rf "$work"' EXIT

exec 9>>"$lock" || { fail "cannot open the lock file $lock"; exit 1; }
if ! flock -w 3600 9; then
  fail "another run held $lock for an hour"
  exit 1
fi

for attempt in $(seq 1 "$attempts"); do
  "$binary" report --week "$week" --format email >"$work/message" 2>"$work/error"
  status=$?
  if [ "$status" -eq 0 ]; then break; fi
  if [ "$status" -ne 75 ] || [ "$attempt" -eq "$attempts" ]; then
    fail "socialtime report exited $status (attempt $attempt): $(tr '\n' ' ' <"$work/error")"
    exit "$status"
  fi
  sleep "$pause"
done

# shellcheck disable=SC2086 # SENDMAIL is a command with its options on purpose
$sendmail -t <"$work/message" >"$work/sendmail.out" 2>&1
status=$?
if [ "$status" -ne 0 ]; then
  fail "'$sendmail -t' exited $status: $(tr '\n' ' ' <"$work/sendmail.out")"
  exit "$status"
fi
