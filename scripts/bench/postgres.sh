# The PostgreSQL half of scripts/bench.sh (sourced by it: uses $BIN, $WORK, $RUNS, $WEEK, measure,
# extra, note, peak_memory). For each size in $PG_SIZES it generates the history inside the server
# (scripts/bench/postgres/generate.sql), then times log, report, export and import against psql
# running the same SQL as the floor, and writes a "## PostgreSQL" section into reports/benchmarks.md
# (replacing an earlier one). $PG_URL is a superuser's URL (it creates and drops the databases
# socialtime_bench_*; the superuser runs db init, so it is their administrator).
postgres_bench() {
    local results=$WORK/pg-results
    rm -rf "$results"; mkdir -p "$results"
    RESULTS=$results INDEX=$results/index.tsv
    : >"$INDEX"
    local base=${PG_URL%/*}
    pg_url() { echo "$base/$1"; }
    psql_admin() { psql -X -q -v ON_ERROR_STOP=1 "$(pg_url postgres)" "$@" >/dev/null; }
    local server
    server=$(psql -X -A -t "$(pg_url postgres)" -c 'SHOW server_version')
    local generated=()
    for size in $PG_SIZES; do
        local db=socialtime_bench_$size url
        url=$(pg_url "$db")
        say "PostgreSQL: generating $size entries in $db"
        psql_admin -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
        "$BIN" --db "$url" db init >/dev/null
        local start
        start=$(date +%s.%N)
        sed "s/@ENTRIES@/$size/g" scripts/bench/postgres/generate.sql | psql -X -q "$url" >/dev/null
        generated+=("$size entries in $(printf '%.1f' "$(echo "$(date +%s.%N) - $start" | bc)") s ($(psql -X -A -t "$url" -c "SELECT pg_size_pretty(pg_database_size(current_database()))"))")
        "$BIN" --db "$url" staff add bench >/dev/null
        "$BIN" --db "$url" --as bench log 1m --network linkedin --outcome recruiting >/dev/null

        # log: one short transaction, beside psql inserting the row, and psql doing log's SQL.
        local bench_id="(SELECT id FROM socialtime.staff WHERE handle = 'bench')"
        local insert="INSERT INTO socialtime.entries(staff_id, date, minutes, network_id, outcome_id, note, logged_at) VALUES ($bench_id, '2026-11-27', 1, 3, 1, 'bench', '2026-11-27T10:00:00+00:00')"
        local same_work="BEGIN; SELECT pg_advisory_xact_lock(1936679785, $bench_id::integer); SELECT coalesce(sum(minutes), 0) FROM socialtime.entries WHERE staff_id = $bench_id AND date = '2026-11-27' AND NOT deleted; WITH e AS ($insert RETURNING id) INSERT INTO socialtime.audit_log(at, actor, action, entry_id, after) SELECT '2026-11-27T10:00:00+00:00', 'bench', 'create', id, '{}' FROM e; SELECT coalesce(sum(minutes), 0) FROM socialtime.entries WHERE staff_id = $bench_id AND date BETWEEN '2026-11-23' AND '2026-11-29' AND NOT deleted; COMMIT;"
        measure "pg-log-$size" "PostgreSQL: log one entry ($size-entry database)" "psql: INSERT the row" \
            "within 2× of the psql floor" "socialtime log" 2 -N -- \
            "socialtime log" "$BIN --db $url --as bench log 1m --network linkedin --outcome recruiting --note bench" \
            "psql: INSERT the row" "psql -X -q $url -c \"$insert\"" \
            "psql: same transaction as log" "psql -X -q $url -c \"$same_work\""

        measure "pg-report-$size" "PostgreSQL: report --week $WEEK --format json ($size entries)" "psql: the aggregates" \
            "within 3× of the psql aggregate queries" "socialtime report" 3 -N -- \
            "socialtime report" "$BIN --db $url report --week $WEEK --format json" \
            "psql: the aggregates" "psql -X -q -A -t $url -f scripts/bench/postgres/report-floor.sql"

        local csv=$WORK/pg-export-$size/socialtime-entries-all.csv
        mkdir -p "$WORK/pg-export-$size"
        measure "pg-export-$size" "PostgreSQL: export --all --kind entries of $size entries" "psql \\copy: same columns" \
            "at least half the floor's throughput (≤ 2× its time)" "socialtime export" 2 --runs 3 --warmup 1 -- \
            "socialtime export" "$BIN --db $url export --all --kind entries --out $csv" \
            "psql \\copy: same columns" "psql -X -q $url -f scripts/bench/postgres/export-floor.sql -o $WORK/pg-export-$size/floor.csv"
        extra "Peak memory (\`/usr/bin/time -v\`, maximum resident set) of the $size-entry export: socialtime $(peak_memory "$BIN" --db "$url" export --all --kind entries --out "$csv") MB (target: under 64 MB); psql \\copy $(peak_memory psql -X -q "$url" -f scripts/bench/postgres/export-floor.sql -o "$WORK/pg-export-$size/floor.csv") MB."

        # import into a database just set up by db init, made again from a template before every
        # run (untimed). The floor is psql's \copy of the same rows, already in the table's shape
        # (ids, staff ids, catalogue ids), straight into socialtime.entries — indexes, CHECKs,
        # foreign keys and the 24 h cap trigger included, nothing else — into the same database
        # with the roster copied in (it has no people to register).
        local empty=socialtime_bench_empty import=socialtime_bench_import rows=$WORK/pg-import-$size-rows.csv
        psql_admin -c "DROP DATABASE IF EXISTS $empty WITH (FORCE)" -c "CREATE DATABASE $empty"
        "$BIN" --db "$(pg_url $empty)" db init >/dev/null
        psql -X -q -v ON_ERROR_STOP=1 "$url" -c "\\copy (SELECT e.id, e.staff_id, e.date, e.minutes, e.network_id, e.outcome_id, e.note, e.logged_at FROM socialtime.entries e JOIN socialtime.staff s ON s.id = e.staff_id WHERE NOT e.deleted ORDER BY e.date, s.handle, e.id) TO '$rows' WITH (FORMAT csv)"
        psql -X -q -v ON_ERROR_STOP=1 "$url" -c "\\copy (SELECT id, handle, name, role, created_at FROM socialtime.staff ORDER BY id) TO '$WORK/pg-import-$size-staff.csv' WITH (FORMAT csv)"
        printf 'psql -X -q -v ON_ERROR_STOP=1 %q -c %q -c %q >/dev/null\n' "$(pg_url postgres)" \
            "DROP DATABASE IF EXISTS $import WITH (FORCE)" "CREATE DATABASE $import TEMPLATE $empty" >"$WORK/pg-import-prepare.sh"
        cp "$WORK/pg-import-prepare.sh" "$WORK/pg-import-prepare-floor.sh"
        printf 'psql -X -q -v ON_ERROR_STOP=1 %q -c %q >/dev/null\n' "$(pg_url $import)" \
            "\\copy socialtime.staff(id, handle, name, role, created_at) FROM '$WORK/pg-import-$size-staff.csv' WITH (FORMAT csv)" >>"$WORK/pg-import-prepare-floor.sh"
        measure "pg-import-$size" "PostgreSQL: import of the $size-row export into a database just set up" "psql \\copy into socialtime.entries" \
            "within 2× of psql's COPY" "socialtime import" 2 --runs 2 --warmup 0 \
            --prepare "bash $WORK/pg-import-prepare.sh" --prepare "bash $WORK/pg-import-prepare-floor.sh" -- \
            "socialtime import" "$BIN --db $(pg_url $import) import $csv --from socialtime" \
            "psql \\copy into socialtime.entries" "psql -X -q -v ON_ERROR_STOP=1 $(pg_url $import) -c \"\\\\copy socialtime.entries(id, staff_id, date, minutes, network_id, outcome_id, note, logged_at) FROM '$rows' WITH (FORMAT csv)\""
        bash "$WORK/pg-import-prepare.sh"
        extra "Peak memory (\`/usr/bin/time -v\`, maximum resident set) of the $size-row import: socialtime $(peak_memory "$BIN" --db "$(pg_url $import)" import "$csv" --from socialtime) MB (target: under 64 MB)."
        psql_admin -c "DROP DATABASE IF EXISTS $import WITH (FORCE)" -c "DROP DATABASE IF EXISTS $empty WITH (FORCE)"
        [ -n "${BENCH_KEEP:-}" ] || psql_admin -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
    done
    extra "Every figure is a whole process — connecting (TCP, password) included — for socialtime and psql alike. \`log\`'s floor inserts the bare row; the third row runs log's own SQL in psql (the per-person advisory lock, the day's sum, the row with its audit row, the week's sum) in one transaction. The 24 h cap trigger runs on every insert in both. \`import\`'s floor is \`psql\`'s \`\\copy\` of the same rows straight into \`socialtime.entries\` as the superuser: the table's indexes, CHECKs, foreign keys and 24 h cap trigger, but no audit rows, no people registered, no row-level security and none of socialtime's checks; \`socialtime import\` reads and checks the file twice, registers its people and writes every entry with its audit row through \`import_entries\`, as the administrator."

    cat >"$results/machine.md" <<EOF2
## PostgreSQL

Written by \`scripts/bench.sh\` (\`BENCH_ONLY=postgres\` runs this part alone) on $(date -u '+%Y-%m-%d %H:%M UTC'),
against PostgreSQL $server on this machine over TCP (the server shares the $(nproc) cores with the
client). Histories generated inside the server by \`scripts/bench/postgres/generate.sql\` (the
same shape as SQLite's): $(IFS=';'; echo "${generated[*]}" | sed 's/;/, /g'). $RUNS timed runs per command after 2
warm-ups unless a table says otherwise; the floor is \`psql\` running the same SQL.

## Results
EOF2
    python3 scripts/bench/report.py "$results" "$WORK/pg-section.md"
    python3 scripts/bench/section.py "## PostgreSQL" "$WORK/pg-section.md" reports/benchmarks.md
}
