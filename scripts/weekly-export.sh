#!/usr/bin/env bash
# Weekly CSV export for cron: last week's entries, summary, flags and results into a reports folder.
#
#   scripts/weekly-export.sh [REPORTS_DIR]     (else $SOCIALTIME_REPORTS, else ./reports)
#
# - takes a lock (flock) so that two runs never overlap: a second run waits for the first and
#   then rewrites the same files (each written atomically by socialtime: temp file, fsync, rename);
# - retries when socialtime exits 75 (database busy), with a pause between attempts;
# - prints nothing on success (cron mails any output), and on failure says what failed on stderr
#   and exits non-zero, so cron mails the error; SOCIALTIME_VERBOSE=1 logs a line on success too.
#
# Environment: SOCIALTIME (the binary, default: socialtime on PATH), SOCIALTIME_DB,
# SOCIALTIME_REPORTS, SOCIALTIME_EXPORT_ARGS (extra export options, e.g. "--dialect excel"),
# SOCIALTIME_EXPORT_ATTEMPTS (default 5), SOCIALTIME_EXPORT_PAUSE (seconds, default 30),
# SOCIALTIME_EXPORT_LOCK (default REPORTS_DIR/.weekly-export.lock).
set -uo pipefail

reports="${1:-${SOCIALTIME_REPORTS:-./reports}}"
binary="${SOCIALTIME:-socialtime}"
attempts="${SOCIALTIME_EXPORT_ATTEMPTS:-5}"
pause="${SOCIALTIME_EXPORT_PAUSE:-30}"
started="$(date -u +%Y-%m-%dT%H:%M:%SZ)"

log() { echo "weekly-export: $started $*" >&2; }

if ! mkdir -p "$reports"; then
  log "FAILED: cannot create the reports folder $reports"
  exit 1
fi
lock="${SOCIALTIME_EXPORT_LOCK:-$reports/.weekly-export.lock}"

exec 9>>"$lock" || { log "FAILED: cannot open the lock file $lock"; exit 1; }
# Waits for a run in progress (at most an hour) rather than skipping: the files it leaves are
# then complete, and this run's rewrite of them is atomic too.
if ! flock -w 3600 9; then
  log "FAILED: another export held $lock for an hour"
  exit 1
fi

# shellcheck disable=SC2086 # SOCIALTIME_EXPORT_ARGS is a list of options on purpose
for attempt in $(seq 1 "$attempts"); do
  output="$("$binary" export --week last --kind all --out "$reports/" ${SOCIALTIME_EXPORT_ARGS:-} 2>&1)"
  status=$?
  if [ "$status" -eq 0 ]; then
    if [ "${SOCIALTIME_VERBOSE:-0}" = "1" ]; then
      log "ok: wrote $(echo "$output" | grep -c '\.csv$') files into $reports (attempt $attempt)"
    fi
    exit 0
  fi
  if [ "$status" -ne 75 ] || [ "$attempt" -eq "$attempts" ]; then
    log "FAILED (exit $status, attempt $attempt): $(echo "$output" | tr '\n' ' ')"
    exit "$status"
  fi
  sleep "$pause"
done
