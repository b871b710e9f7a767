# The import rows of scripts/bench.sh (sourced by it: uses $BIN, $WORK, $LARGE, measure, extra,
# note, peak_memory). Imports of $LARGE rows into an empty SQLite database — socialtime's own
# export and the same entries as a Toggl Track detailed CSV — timed against the schema floor
# (sqlite3 .import, then the rows into socialtime's schema with plain SQL), with each run's peak
# resident memory, and the endless stream that must stop with exit 65 in bounded memory.
# Targets (SPEC → Performance, issue 21): time ≤ 3× the schema floor, peak RSS < 64 MiB.

# The Toggl Track detailed CSV of $1's entries: each person's entries of a day one after the
# other from midnight, 121 minutes apart (so none overlaps and none crosses midnight), the
# network as the project and the outcome as the tag; people named by name and e-mail.
toggl_csv() {
    sqlite3 -csv -header "$1" "
        SELECT s.name AS \"User\", s.handle || '@example.com' AS \"Email\", '' AS \"Client\", n.key AS \"Project\",
               '' AS \"Task\", e.note AS \"Description\", 'No' AS \"Billable\",
               e.date AS \"Start date\", printf('%02d:%02d:00', e.st / 60, e.st % 60) AS \"Start time\",
               e.date AS \"End date\", printf('%02d:%02d:00', (e.st + e.minutes) / 60, (e.st + e.minutes) % 60) AS \"End time\",
               printf('%02d:%02d:00', e.minutes / 60, e.minutes % 60) AS \"Duration\", o.key AS \"Tags\", '' AS \"Amount ()\"
        FROM (SELECT *, (row_number() OVER (PARTITION BY staff_id, date ORDER BY id) - 1) * 121 AS st
              FROM entries WHERE deleted = 0) e
        JOIN staff s ON s.id = e.staff_id JOIN networks n ON n.id = e.network_id JOIN outcomes o ON o.id = e.outcome_id
        WHERE e.st + e.minutes < 1440
        ORDER BY e.date, e.id" >"$2"
}

# import_bench CSV: CSV is socialtime's export of $LARGE entries ($WORK/large.db), $WORK/empty.db a new database.
import_bench() {
    local csv=$1 toggl=$WORK/export/toggl-detailed.csv
    say "import: a Toggl Track detailed CSV of the same entries"
    toggl_csv "$WORK/large.db" "$toggl"
    local toggl_rows csv_rows
    toggl_rows=$(($(wc -l <"$toggl") - 1))
    csv_rows=$(($(wc -l <"$csv") - 1))
    measure import-streaming "import of $csv_rows socialtime rows and $toggl_rows Toggl rows into an empty database" \
        "sqlite3: .import, then into the schema with audit rows" "≤ 3× the schema floor's time" "socialtime import (socialtime CSV)" 3 \
        --runs 2 --warmup 0 --prepare "cp $WORK/empty.db $WORK/import.db" -- \
        "socialtime import (socialtime CSV)" "$BIN --db $WORK/import.db import $csv --from socialtime" \
        "socialtime import (Toggl CSV)" "$BIN --db $WORK/import.db import $toggl --from toggl" \
        "sqlite3: .import, then into the schema with audit rows" "sqlite3 $WORK/import.db '.import --csv $csv import_rows' '.read scripts/bench/import-floor.sql'"
    # The table's verdict is the socialtime CSV's; the Toggl CSV's, against the same floor:
    local toggl_verdict
    toggl_verdict=$(python3 - "$RESULTS/import-streaming.json" <<'PY'
import json, sys
runs = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
floor, toggl = runs["sqlite3: .import, then into the schema with audit rows"], runs["socialtime import (Toggl CSV)"]
wall = toggl["median"] / floor["median"]
cpu = (toggl["user"] + toggl["system"]) / (floor["user"] + floor["system"])
print(f"{wall:.2f}× the schema floor's time (CPU {cpu:.2f}×): {'met' if wall <= 3 else 'NOT met'}" + (" on wall-clock time (not in CPU)" if wall <= 3 < cpu else ""))
PY
)
    extra "The Toggl detailed CSV against the same floor (target ≤ 3×): $toggl_verdict."
    local own foreign floor stream stream_code
    cp "$WORK/empty.db" "$WORK/import.db"; own=$(peak_memory "$BIN" --db "$WORK/import.db" import "$csv" --from socialtime)
    cp "$WORK/empty.db" "$WORK/import.db"; foreign=$(peak_memory "$BIN" --db "$WORK/import.db" import "$toggl" --from toggl)
    cp "$WORK/empty.db" "$WORK/import.db"; floor=$(peak_memory sqlite3 "$WORK/import.db" ".import --csv $csv import_rows" ".read scripts/bench/import-floor.sql")
    cp "$WORK/empty.db" "$WORK/import.db"
    stream=$( ( /usr/bin/time -v bash -c "(head -1 $csv; yes 'x,x,x,x,x,x,x,x,x') | $BIN --db $WORK/import.db import /dev/stdin" ) 2>&1 >/dev/null || true)
    stream_code=$(echo "$stream" | awk -F': ' '/Exit status/ { print $2 }')
    stream=$(echo "$stream" | awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }')
    verdict() { awk -v m="$1" 'BEGIN { print (m < 64 ? "met" : "NOT met") }'; }
    extra "Import peak memory (\`/usr/bin/time -v\`, maximum resident set; target under 64 MiB at 1,000,000 rows): socialtime CSV, $csv_rows rows: $own MB ($(verdict "$own")); Toggl detailed CSV, $toggl_rows rows: $foreign MB ($(verdict "$foreign")); the sqlite3 schema floor: $floor MB. An endless stream, \`(header; yes 'x,x,…') | socialtime import /dev/stdin\`: exit $stream_code (target 65) at $stream MB (the stream is saved to a temporary file to be read twice, up to \`--max-stream-size\`, 512 MiB by default). Import reads a file twice — checked, then written in batches — keeping only people, catalogue keys and each person-day's minutes between the passes; a Toggl file's day/month order is decided during the first reading (rows wait for it only from the first date that needs it), and its midnight cuts are plain arithmetic on its wall clock. The write takes an 8 MB page cache (SQLite's default 2 MB spilled the per-person index pages to the WAL and read them back)."
}

# BENCH_ONLY=import: the histories, the export, these rows, and a "## Import" section of
# reports/benchmarks.md (replacing an earlier one).
import_only() {
    local results=$WORK/import-results
    rm -rf "$results"; mkdir -p "$results" "$WORK/export"
    RESULTS=$results INDEX=$results/index.tsv
    : >"$INDEX"
    "$BIN" --db "$WORK/large.db" networks list >/dev/null
    sed "s/@ENTRIES@/$LARGE/g" scripts/bench/generate.sql | sqlite3 "$WORK/large.db"
    "$BIN" --db "$WORK/empty.db" networks list >/dev/null
    "$BIN" --db "$WORK/large.db" export --all --kind entries --out "$WORK/export/socialtime-entries-all.csv"
    import_bench "$WORK/export/socialtime-entries-all.csv"
    cat >"$results/machine.md" <<EOF2
## Import

Written by \`scripts/bench.sh\` (\`BENCH_ONLY=import\` runs this part alone) on $(date -u '+%Y-%m-%d %H:%M UTC')
with $( [ -n "${BENCH_STATIC_BIN:-}" ] && echo "the static release build (as \`scripts/install.sh\` makes it)" || echo "the release build") at ${BENCH_REVISION:-$(git rev-parse --short HEAD 2>/dev/null || echo '?')}, on $(nproc) cores shared with other work (load average $(cut -d' ' -f1-3 /proc/loadavg) at the start); the history of $LARGE entries generated by
\`scripts/bench/generate.sql\`, exported by socialtime and turned into a Toggl Track detailed CSV by \`scripts/bench/import.sh\`.

## Results
EOF2
    python3 scripts/bench/report.py "$results" "$WORK/import-section.md"
    python3 scripts/bench/section.py "## Import" "$WORK/import-section.md" reports/benchmarks.md
}
