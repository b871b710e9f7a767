#!/usr/bin/env bash
# Friday reminders for cron: `socialtime remind` sends one message, through the system's
# sendmail interface, to each person at or over this week's threshold without a justification
# (none, or rejected), with the `socialtime justify` command to run.
#
#   scripts/remind.sh
#
# - silent when everyone is fine and every reminder went out (cron mails any output); a person
#   without an e-mail address is named on stderr by socialtime, so cron tells the administrator;
# - on failure (a sendmail that fails, no database, …) one line on stderr and a non-zero exit;
# - takes a lock (flock) so that two runs never overlap; retries when socialtime exits 75 (busy).
#
# Environment: SOCIALTIME (the binary, default: socialtime on PATH), SOCIALTIME_DB, SENDMAIL (the
# sendmail-compatible command, default: sendmail; run as `$SENDMAIL -t` once per message),
# SOCIALTIME_REMIND_WEEK (default: this), SOCIALTIME_MAIL_ATTEMPTS (default 5),
# SOCIALTIME_MAIL_PAUSE (seconds, default 30), SOCIALTIME_SENDMAIL_TIMEOUT (seconds per message,
# default 60), SOCIALTIME_REMIND_LOCK (default: beside the database, DB.remind.lock; for a server,
# $XDG_RUNTIME_DIR or $HOME/.socialtime-remind.lock).
set -uo pipefail

binary="${SOCIALTIME:-socialtime}"
sendmail="${SENDMAIL:-sendmail}"
week="${SOCIALTIME_REMIND_WEEK:-this}"
attempts="${SOCIALTIME_MAIL_ATTEMPTS:-5}"
pause="${SOCIALTIME_MAIL_PAUSE:-30}"
timeout="${SOCIALTIME_SENDMAIL_TIMEOUT:-60}"
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
lock="${SOCIALTIME_REMIND_LOCK:-$(default_lock remind)}"

fail() { echo "remind: $(date -u +%Y-%m-%dT%H:%M:%SZ) FAILED: $*" >&2; }

work="$(mktemp -d)" || { fail "cannot create a temporary folder"; exit 1; }
trap 'rm -rf "$work"' EXIT

exec 9>>"$lock" || { fail "cannot open the lock file $lock"; exit 1; }
if ! flock -w 3600 9; then
  fail "another run held $lock for an hour"
  exit 1
fi

for attempt in $(seq 1 "$attempts"); do
  "$binary" remind --week "$week" --sendmail "$sendmail -t" --sendmail-timeout "$timeout" 2>"$work/error"
  status=$?
  if [ "$status" -eq 0 ]; then
    # Warnings (people without an address) are for the administrator: pass them on.
    cat "$work/error" >&2
    exit 0
  fi
  # 75 comes before anything was sent (the store was busy): safe to try again.
  if [ "$status" -ne 75 ] || [ "$attempt" -eq "$attempts" ]; then
    fail "socialtime remind exited $status (attempt $attempt): $(tr '\n' ' ' <"$work/error")"
    exit "$status"
  fi
  sleep "$pause"
done
