# The start-up half of scripts/bench.sh (sourced by it: uses $STATIC_BIN, $WORK, $RUNS, $WEEK,
# measure, extra, note, say). On the static release build as scripts/install.sh makes it: what a
# process costs before its first SQL (`--version` beside `sqlite3 :memory: 'select 1'`), the
# team program's own start-up and the hand-off to it, and `log` and the weekly report against
# their sqlite3 floors at $STARTUP_SIZES entries. Writes a "## Start-up" section into
# reports/benchmarks.md (replacing an earlier one).
STARTUP_SIZES=${BENCH_STARTUP_SIZES:-100000 1000000}

startup_bench() {
    local results=$WORK/startup-results dir=$WORK/startup
    rm -rf "$results" "$dir"; mkdir -p "$results" "$dir"
    local RESULTS=$results INDEX=$results/index.tsv
    : >"$INDEX"
    local bin=$STATIC_BIN team load_before
    load_before=$(cut -d' ' -f1 /proc/loadavg)
    team=$(dirname "$STATIC_BIN")/socialtime-team
    local team_rows=()
    # A URL nobody serves: `--version` is answered before any connection, so this times the
    # hand-off (socialtime reads its arguments, then execs socialtime-team) and the team's start-up.
    local url=postgresql://nobody@127.0.0.1:9/socialtime
    if [ -x "$team" ]; then
        team_rows=("socialtime-team --version" "$team --version"
                   "socialtime --db postgresql://… --version (hand-off to socialtime-team)" "$bin --db $url --version")
    else
        note "**socialtime-team**: not measured — no socialtime-team beside $bin (build it: swift build -c release --static-swift-stdlib --product socialtime-team)."
    fi

    measure startup-version "start-up: --version, before any SQL" "sqlite3 :memory: 'select 1'" \
        "" "" 0 -N -- \
        "socialtime --version" "$bin --version" \
        "${team_rows[@]}" \
        "sqlite3 :memory: 'select 1'" "sqlite3 :memory: 'select 1'"
    local verdict
    verdict=$(python3 - "$results/startup-version.json" <<'PY'
import json, sys
runs = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
ours, floor = runs["socialtime --version"]["median"], runs["sqlite3 :memory: 'select 1'"]["median"]
gap = (ours - floor) * 1000
print(f"{gap:+.1f} ms, " + ("met" if gap <= 3 else "**missed**"))
PY
)
    extra "Target: \`socialtime --version\` within 3 ms of \`sqlite3 :memory: 'select 1'\` — $verdict."
    faults() {  # minor page faults and peak memory of one run
        /usr/bin/time -f '%R faults, %M KiB' "$@" 2>&1 >/dev/null | tail -1
    }
    relocations() {  # relocations the dynamic loader processed (a static executable has no loader)
        local count
        count=$(LD_DEBUG=statistics "$@" 2>&1 >/dev/null | awk '/final number of relocations:/ { print $NF }')
        if [ -n "$count" ]; then echo "$count relocations"; else echo "no dynamic loader (static executable)"; fi
    }
    instructions() {  # instructions one run executes (callgrind), which a busy machine does not change
        if command -v valgrind >/dev/null; then
            valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null \
                | awk '/refs:/ { gsub(",", "", $NF); printf "%.1f M instructions", $NF / 1e6 }'
        else
            printf 'instructions not counted (no valgrind)'
        fi
    }
    extra "One run each (\`/usr/bin/time\`: minor page faults, peak resident memory; \`LD_DEBUG=statistics\`: relocations; callgrind: instructions): socialtime --version $(faults "$bin" --version), $(relocations "$bin" --version), $(instructions "$bin" --version), binary $(du -m "$bin" | cut -f1) MB; $([ -x "$team" ] && echo "socialtime-team --version $(faults "$team" --version), $(relocations "$team" --version), binary $(du -m "$team" | cut -f1) MB;") sqlite3 $(faults sqlite3 :memory: 'select 1'), $(relocations sqlite3 :memory: 'select 1'), $(instructions sqlite3 :memory: 'select 1'). \`socialtime\` is one static executable with SQLite inside (release builds, Package.swift); for a postgresql:// URL it execs \`socialtime-team\` (both stores: swift-nio, BoringSSL, postgres-nio) from its own folder, which is what the team's rows cost."

    local insert="INSERT INTO entries(staff_id, date, minutes, network_id, outcome_id, note, logged_at) VALUES ((SELECT id FROM staff WHERE handle = 'bench'), '2026-11-27', 1, 3, 1, 'bench', '2026-11-27T10:00:00+00:00')"
    local size db
    for size in $STARTUP_SIZES; do
        db=$dir/history-$size.db
        say "start-up: generating $size entries"
        "$bin" --db "$db" networks list >/dev/null
        sed "s/@ENTRIES@/$size/g" scripts/bench/generate.sql | sqlite3 "$db"
        "$bin" --db "$db" staff add bench >/dev/null
        "$bin" --db "$db" --as bench log 1m --network linkedin --outcome recruiting >/dev/null
        measure "startup-log-$size" "log one entry, installed (static) binary ($size-entry database)" "sqlite3: INSERT the row" \
            "within 1.5× of the sqlite3 floor" "socialtime log" 1.5 -N -- \
            "socialtime log" "$bin --db $db --as bench log 1m --network linkedin --outcome recruiting --note bench" \
            "sqlite3: INSERT the row" "sqlite3 $db \"$insert\"" \
            "socialtime --version" "$bin --version"
        extra "One run each (as above): socialtime log $(faults "$bin" --db "$db" --as bench log 1m --network linkedin --outcome recruiting --note bench), $(instructions "$bin" --db "$db" --as bench log 1m --network linkedin --outcome recruiting --note bench); the sqlite3 INSERT $(faults sqlite3 "$db" "$insert"), $(instructions sqlite3 "$db" "$insert")."
        measure "startup-report-$size" "weekly report, installed (static) binary ($size entries)" "sqlite3 -json: the aggregates" \
            "within 2× of the sqlite3 aggregate queries" "socialtime report" 2 -N -- \
            "socialtime report" "$bin --db $db report --week $WEEK --format json" \
            "sqlite3 -json: the aggregates" "sqlite3 -json $db \".read scripts/bench/report-floor.sql\""
        extra "One run each (as above): socialtime report $(faults "$bin" --db "$db" report --week "$WEEK" --format json), $(instructions "$bin" --db "$db" report --week "$WEEK" --format json); the sqlite3 aggregates $(faults sqlite3 -json "$db" ".read scripts/bench/report-floor.sql"), $(instructions sqlite3 -json "$db" ".read scripts/bench/report-floor.sql")."
    done

    cat >"$results/machine.md" <<EOF2
## Start-up

Written by \`scripts/bench.sh\` (\`BENCH_ONLY=startup\` runs this section alone) on $(date -u '+%Y-%m-%d %H:%M UTC'),
$(nproc) cores (load average $load_before when it began, $(cut -d' ' -f1 /proc/loadavg) at the end), at ${BENCH_REVISION:-$(git rev-parse --short HEAD) ($(git rev-parse --abbrev-ref HEAD))}. The binaries as
\`scripts/install.sh\` builds them (release, \`--static-swift-stdlib\`): \`socialtime\` (SQLite only, one static
executable) and \`socialtime-team\` (both stores). Histories generated by \`scripts/bench/generate.sql\`. $RUNS timed runs
per command after 2 warm-ups. On a busy machine the wall-clock medians of \`log\` are mostly waits for the disk's
fsync, which both sides make alike; the CPU times and the instruction counts below each table are what a busy
machine does not blur.

## Results
EOF2
    python3 scripts/bench/report.py "$results" "$WORK/startup-section.md"
    python3 scripts/bench/section.py "## Start-up" "$WORK/startup-section.md" reports/benchmarks.md
}
