#!/usr/bin/env bash
# Benchmarks whole `socialtime` processes against the sqlite3 CLI doing the same work (the floor),
# and against Timewarrior and Watson on one person's history, and writes reports/benchmarks.md.
#
#   scripts/bench.sh                 # everything: 10k and 1M entries (about 10 minutes)
#   BENCH_LARGE=100000 scripts/bench.sh   # a quicker run with a smaller "large" history
#   BENCH_RUNS=10 scripts/bench.sh        # fewer timing runs per command
#   BENCH_ONLY=log scripts/bench.sh       # only log, start and stop (no static build, profile or other commands)
#   BENCH_ONLY=postgres scripts/bench.sh  # only the PostgreSQL store (its section of reports/benchmarks.md)
#   BENCH_ONLY=import scripts/bench.sh    # only the import rows: 1M socialtime and Toggl rows, peak memory, the endless stream
#   BENCH_ONLY=startup scripts/bench.sh   # only start-up, log and report on the installed (static) binaries
#   BENCH_STARTUP_SIZES=100000 ...        # the start-up section's histories (default: 100000 1000000)
#   BENCH_STATIC_BIN=PATH ...             # a static socialtime built already, instead of building one
#                                         # (with BENCH_ONLY=import: the binary the import rows measure)
#   BENCH_BIN=PATH ...                    # a release socialtime built already, instead of building .build-release
#   BENCH_REVISION="abc1234 (branch)" ... # the commit to name where git cannot tell (inside scripts/…/inwt)
#   BENCH_POSTGRES_SIZES=100000 ...       # the PostgreSQL histories' sizes (default: 100000 1000000)
#
# The PostgreSQL store is measured when BENCH_POSTGRES_URL (or SOCIALTIME_TEST_POSTGRES_URL, as
# `eval "$(scripts/pg-test-cluster.sh start)"` sets it) is a superuser's URL: see scripts/bench/postgres.sh.
#
# It installs what it lacks (hyperfine, sqlite3, timewarrior, valgrind with apt-get; Watson with
# pip), builds socialtime in release mode, generates the histories inside SQLite in seconds
# (scripts/bench/generate.sql) and times with hyperfine. A command that is not in this build yet
# (report, export, import arrive on their own branches) is skipped with a note, so the script
# runs on every branch. Work files go to .build-bench/ (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/.build-bench
RESULTS=$WORK/results
SMALL=${BENCH_SMALL:-10000}
LARGE=${BENCH_LARGE:-1000000}
RUNS=${BENCH_RUNS:-20}
ONLY=${BENCH_ONLY:-}
PG_URL=${BENCH_POSTGRES_URL:-${SOCIALTIME_TEST_POSTGRES_URL:-}}
PG_SIZES=${BENCH_POSTGRES_SIZES:-100000 1000000}
WEEK=2025-W48                 # a week in the middle of the two generated years
PERSON=s001                   # whose history Timewarrior and Watson get
export SOCIALTIME_TODAY=2026-11-27 TZ=UTC LC_ALL=C.UTF-8
export TIMEWARRIORDB=$WORK/timew WATSON_DIR=$WORK/watson

say() { printf '\n== %s\n' "$*" >&2; }

# --- what the benchmarks need -------------------------------------------------------------------
need_apt=()
command -v hyperfine >/dev/null || need_apt+=(hyperfine)
command -v sqlite3 >/dev/null || need_apt+=(sqlite3)
# (BENCH_ONLY=import and postgres need neither Timewarrior nor Watson; the start-up section only hyperfine and sqlite3.)
if [ "$ONLY" != startup ]; then
    [ "$ONLY" = import ] || [ "$ONLY" = postgres ] || command -v timew >/dev/null || need_apt+=(timewarrior)
    command -v valgrind >/dev/null || need_apt+=(valgrind)
fi
if ((${#need_apt[@]})); then
    say "installing ${need_apt[*]}"
    SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
if [ "$ONLY" != import ] && [ "$ONLY" != startup ] && [ "$ONLY" != postgres ] && ! command -v watson >/dev/null; then
    say "installing Watson (td-watson)"
    python3 -m pip install --quiet td-watson
    hash -r
fi

if [ -n "${BENCH_BIN:-}" ]; then
    BIN=$BENCH_BIN   # a release socialtime built already (e.g. .build-static's), instead of building one
elif [ "$ONLY" = import ] && [ -n "${BENCH_STATIC_BIN:-}" ]; then
    BIN=$BENCH_STATIC_BIN   # the import rows on the installed (static) binary, built already
elif [ "$ONLY" != startup ]; then
    say "building socialtime (release)"
    swift build -c release --scratch-path .build-release >&2
    BIN=$(swift build -c release --scratch-path .build-release --show-bin-path)/socialtime
fi
source scripts/bench/postgres.sh
source scripts/bench/import.sh
source scripts/bench/startup.sh
# The same code with the Swift runtime linked in statically, to show what start-up costs.
if [ -n "${BENCH_STATIC_BIN:-}" ]; then
    STATIC_BIN=$BENCH_STATIC_BIN   # already built (socialtime-team beside it)
elif [ "$ONLY" != log ] && [ "$ONLY" != postgres ] && [ "$ONLY" != import ]; then
    say "building socialtime (release, --static-swift-stdlib)"
    swift build -c release --static-swift-stdlib --scratch-path .build-static >&2
    STATIC_BIN=$(swift build -c release --static-swift-stdlib --scratch-path .build-static --show-bin-path)/socialtime
fi

rm -rf "$WORK"
mkdir -p "$RESULTS"
INDEX=$RESULTS/index.tsv
: >"$INDEX"

# Whether this build has a subcommand: the root help lists them (`X --help` for an unknown X exits 0).
has() { "$BIN" --help | awk -v c="$1" '/^  [a-z]/ && $1 == c { found = 1 } END { exit !found }'; }
note() { printf 'NOTE\t%s\n' "$*" >>"$INDEX"; }
extra() { printf 'EXTRA\t%s\n' "$*" >>"$INDEX"; }

# measure NAME TITLE FLOOR TARGET CHECKED MAX_RATIO [hyperfine options…] -- LABEL COMMAND [LABEL COMMAND…]
measure() {
    local name=$1 title=$2 floor=$3 target=$4 checked=$5 limit=$6
    shift 6
    local options=()
    while [ "$1" != "--" ]; do options+=("$1"); shift; done
    shift
    local commands=()
    while (($#)); do commands+=(-n "$1" "$2"); shift 2; done
    say "$title"
    # A measurement may set its own --runs (slow ones); otherwise the default.
    [[ " ${options[*]} " == *" --runs "* ]] || options+=(--runs "$RUNS")
    [[ " ${options[*]} " == *" --warmup "* ]] || options+=(--warmup 2)
    hyperfine --style basic "${options[@]}" --export-json "$RESULTS/$name.json" "${commands[@]}" >&2
    printf 'MEASURE\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name.json" "$title" "$floor" "$target" "$checked" "$limit" >>"$INDEX"
}

# peak_memory COMMAND… — the maximum resident set size of one run, in MB.
peak_memory() {
    /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }'
}

# BENCH_ONLY=postgres: the PostgreSQL section alone (it needs measure, extra and peak_memory above).
if [ "$ONLY" = postgres ]; then
    [ -n "$PG_URL" ] || { echo "bench.sh: BENCH_ONLY=postgres needs BENCH_POSTGRES_URL (a superuser's postgresql:// URL)" >&2; exit 64; }
    mkdir -p "$WORK"
    postgres_bench
    say "wrote the PostgreSQL section of reports/benchmarks.md"
    exit 0
fi

# BENCH_ONLY=import: the import rows alone (their section of reports/benchmarks.md).
if [ "$ONLY" = import ]; then
    rm -rf "$WORK"; mkdir -p "$WORK"
    import_only
    say "wrote the Import section of reports/benchmarks.md"
    exit 0
fi

# BENCH_ONLY=startup: the start-up section alone, on the static binaries (no dynamic build).
if [ "$ONLY" = startup ]; then
    mkdir -p "$WORK"
    startup_bench
    say "wrote the start-up section of reports/benchmarks.md"
    exit 0
fi

# --- histories ----------------------------------------------------------------------------------
generate() {  # generate FILE ENTRIES
    "$BIN" --db "$1" networks list >/dev/null   # socialtime creates its own schema
    sed "s/@ENTRIES@/$2/g" scripts/bench/generate.sql | sqlite3 "$1"
}
say "generating $SMALL and $LARGE entries"
start=$(date +%s.%N)
generate "$WORK/small.db" "$SMALL"
generate "$WORK/large.db" "$LARGE"
generated=$(echo "$(date +%s.%N) - $start" | bc)
"$BIN" --db "$WORK/empty.db" networks list >/dev/null

# --- the header ---------------------------------------------------------------------------------
cpu=$(lscpu | awk -F': *' '/Model name/ && !done { print $2; done = 1 }')
memory=$(free -g | awk '/Mem:/ { print $2 " GB" }')
cat >"$RESULTS/machine.md" <<EOF
# socialtime benchmarks

Written by \`scripts/bench.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'). Rerun it to reproduce; every
figure is a whole process (start-up included) timed by hyperfine, side by side in the same run.

| | |
|---|---|
| machine | $(nproc) cores ($cpu), $memory memory, $(uname -sr) |
| socialtime | $("$BIN" --version) at $(git rev-parse --short HEAD) ($(git rev-parse --abbrev-ref HEAD)), release build |
| swift | $(swift --version 2>&1 | head -1) |
| sqlite3 CLI | $(sqlite3 --version | cut -d' ' -f1) (the floor; socialtime links the same system libsqlite3) |
| hyperfine | $(hyperfine --version | cut -d' ' -f2) |
| Timewarrior | $(timew --version) |
| Watson | $(watson --version | awk '{ print $NF }') |

Histories: $SMALL and $LARGE entries for 500 staff over two years (2024-11-28 … 2026-11-27),
with an audit row per entry and a result per 50 entries, generated inside SQLite in
$(printf '%.1f' "$generated") s (\`scripts/bench/generate.sql\`): $(du -m "$WORK/small.db" | cut -f1) MB and
$(du -m "$WORK/large.db" | cut -f1) MB. The report week is $WEEK, in the middle. $RUNS timed runs per command
after 2 warm-ups unless a table says otherwise.

## Results
EOF

# --- 1. log one entry ---------------------------------------------------------------------------
insert="INSERT INTO entries(staff_id, date, minutes, network_id, outcome_id, note, logged_at) VALUES ((SELECT id FROM staff WHERE handle = 'bench'), '2026-11-27', 1, 3, 1, 'bench', '2026-11-27T10:00:00+00:00')"
same_work="BEGIN IMMEDIATE; SELECT coalesce(sum(minutes), 0) FROM entries WHERE staff_id = (SELECT id FROM staff WHERE handle = 'bench') AND date = '2026-11-27' AND deleted = 0; $insert; INSERT INTO audit_log(at, actor, action, entry_id, after) VALUES ('2026-11-27T10:00:00+00:00', 'bench', 'create', last_insert_rowid(), '{}'); SELECT coalesce(sum(minutes), 0) FROM entries WHERE staff_id = (SELECT id FROM staff WHERE handle = 'bench') AND date BETWEEN '2026-11-23' AND '2026-11-29' AND deleted = 0; COMMIT;"
# 'bench' joins the roster through the file's owner (acting as someone not on it is refused), then logs once.
"$BIN" --db "$WORK/large.db" staff add bench >/dev/null
"$BIN" --db "$WORK/large.db" --as bench log 1m --network linkedin --outcome recruiting >/dev/null
static_row=()
[ -n "${STATIC_BIN:-}" ] && static_row=("socialtime log, static stdlib" "$STATIC_BIN --db $WORK/large.db --as bench log 1m --network linkedin --outcome recruiting --note bench")
measure log "log one entry ($LARGE-entry database)" "sqlite3: INSERT the row" \
    "within 1.5× of the sqlite3 floor" "socialtime log" 1.5 -N -- \
    "socialtime log" "$BIN --db $WORK/large.db --as bench log 1m --network linkedin --outcome recruiting --note bench" \
    "${static_row[@]}" \
    "sqlite3: INSERT the row" "sqlite3 $WORK/large.db \"$insert\"" \
    "sqlite3: same transaction as log" "sqlite3 $WORK/large.db \"$same_work\"" \
    "socialtime --version (start-up only)" "$BIN --version"
extra "The floor inserts the bare row. \`log\` also checks the 24-hour day and the catalogues inside a \`BEGIN IMMEDIATE\` transaction, writes the audit row and sums the week; the third row does that same SQL in the sqlite3 CLI. Both commit with the same fsyncs (WAL, \`synchronous=FULL\`)."

# --- 1b. the timer: start and stop beside log ---------------------------------------------------
# The same person and database as log. Each start begins with no timer running, each stop with one
# started a minute earlier (hyperfine --prepare, untimed), so stop logs a 1-minute entry as log does.
if has start; then
    timer_at() { echo "env SOCIALTIME_NOW=2026-11-27T$1 $BIN --db $WORK/large.db --as bench"; }
    printf '%s cancel >/dev/null 2>&1 || true\n' "$(timer_at 10:00)" >"$WORK/timer-idle.sh"
    printf '%s cancel >/dev/null 2>&1 || true\n%s start linkedin recruiting >/dev/null\n' "$(timer_at 10:00)" "$(timer_at 10:00)" >"$WORK/timer-running.sh"
    log_command="$BIN --db $WORK/large.db --as bench log 1m --network linkedin --outcome recruiting --note bench"
    measure timer-start "start a timer, beside log ($LARGE-entry database)" "socialtime log" \
        "within 1.2× of log" "socialtime start" 1.2 -N --prepare "bash $WORK/timer-idle.sh" -- \
        "socialtime log" "$log_command" \
        "socialtime start" "$(timer_at 10:00) start linkedin recruiting --note bench"
    measure timer-stop "stop a timer (logs 1 minute), beside log ($LARGE-entry database)" "socialtime log" \
        "within 1.2× of log" "socialtime stop" 1.2 -N --prepare "bash $WORK/timer-running.sh" -- \
        "socialtime log" "$log_command" \
        "socialtime stop" "$(timer_at 10:01) stop --note bench"
    bash "$WORK/timer-idle.sh"
    extra "\`start\` resolves the catalogues and the person and saves the timer row; \`stop\` reads it and writes the entry as \`log\` does (the 24-hour day, the audit row, the week's total) and deletes the timer, in one transaction. The --prepare step (cancel, or cancel and start) runs before every run of both commands and is not timed."
else
    note "**start/stop**: not measured — this build has no timer commands yet. Target: each within 1.2× of \`log\`."
fi
if [ "$ONLY" = log ]; then
    python3 scripts/bench/report.py "$RESULTS" reports/benchmarks.md
    say "wrote reports/benchmarks.md (log, start and stop only)"
    exit 0
fi

# Where the time of one log goes: instructions counted by callgrind, reliable on a shared machine.
if command -v valgrind >/dev/null; then
    say "profiling one log with callgrind"
    profile() {  # profile OUT COMMAND… — prints total instructions
        valgrind --tool=callgrind --callgrind-out-file="$1" "${@:2}" >/dev/null 2>&1
        callgrind_annotate "$1" 2>/dev/null | awk '/PROGRAM TOTALS/ && !done { gsub(",", "", $1); print $1; done = 1 }'
    }
    part() {  # part OUT PATTERN — inclusive instructions of the first function matching PATTERN
        # Reads to the end (no early exit), so pipefail sees no SIGPIPE.
        callgrind_annotate --inclusive=yes "$1" 2>/dev/null | awk -v p="$2" 'index($0, p) && !done { gsub(",", "", $1); print $1; done = 1 }'
    }
    log_total=$(profile "$WORK/log.callgrind" "$BIN" --db "$WORK/large.db" --as bench log 1m --network linkedin --outcome recruiting)
    version_total=$(profile "$WORK/version.callgrind" "$BIN" --version)
    static_total=$(profile "$WORK/static.callgrind" "$STATIC_BIN" --db "$WORK/large.db" --as bench log 1m --network linkedin --outcome recruiting)
    floor_total=$(profile "$WORK/floor.callgrind" sqlite3 "$WORK/large.db" "$insert")
    loader=$(part "$WORK/log.callgrind" "rtld.c:_dl_start")
    parsing=$(part "$WORK/log.callgrind" "ParsableCommandPAAE11parseAsRoot")
    work=$(part "$WORK/log.callgrind" "socialtime3LogV3run")
    mi() {  # instructions in millions (M) or billions (G)
        if [ "${1:-0}" -ge 1000000000 ]; then printf '%.2f G' "$(echo "$1 / 1000000000" | bc -l)"
        else printf '%.1f M' "$(echo "${1:-0} / 1000000" | bc -l)"; fi
    }
    extra "Profile (callgrind, instructions): one \`log\` $(mi "$log_total"), of which the dynamic loader $(mi "$loader"), ArgumentParser building the command tree and parsing $(mi "$parsing"), and the logging itself (open, migrate check, transaction, output) $(mi "$work"). \`socialtime --version\` alone: $(mi "$version_total"); \`log\` built with \`--static-swift-stdlib\`: $(mi "$static_total"). The sqlite3 CLI's whole insert: $(mi "$floor_total"). What dominates is start-up: loading the Swift runtime and Foundation, and ArgumentParser's reflection (protocol-conformance scans, type metadata by mangled name) — not SQLite and not our code."
fi

# --- 2. the weekly report -----------------------------------------------------------------------
if has report; then
    for size in small large; do
        entries=$([ $size = small ] && echo "$SMALL" || echo "$LARGE")
        measure "report-$size" "report --week $WEEK --format json ($entries entries)" "sqlite3 -json: the aggregates" \
            "within 3× of the sqlite3 aggregate queries" "socialtime report" 3 -N -- \
            "socialtime report" "$BIN --db $WORK/$size.db report --week $WEEK --format json" \
            "sqlite3 -json: the aggregates" "sqlite3 -json $WORK/$size.db \".read scripts/bench/report-floor.sql\""
    done
    measure report-growth "report: $LARGE against $SMALL entries (must not grow with history)" "report, $SMALL entries" \
        "the $LARGE-entry report within 1.5× of the $SMALL-entry one" "report, $LARGE entries" 1.5 -N -- \
        "report, $SMALL entries" "$BIN --db $WORK/small.db report --week $WEEK --format json" \
        "report, $LARGE entries" "$BIN --db $WORK/large.db report --week $WEEK --format json"
else
    note "**report**: not measured — this build has no \`report\` command yet (it lands with the report branch). Targets: within 3× of the sqlite3 aggregate query (\`scripts/bench/report-floor.sql\`), and the $LARGE-entry figure within 1.5× of the $SMALL-entry one."
fi

# --- 3. export and 4. import --------------------------------------------------------------------
CSV=$WORK/export/socialtime-entries-all.csv
if has export; then
    mkdir -p "$WORK/export"
    measure export "export --all --kind entries of $LARGE entries" "sqlite3 -csv: same columns" \
        "at least half the floor's throughput (≤ 2× its time)" "socialtime export" 2 --runs 5 -- \
        "socialtime export" "$BIN --db $WORK/large.db export --all --kind entries --out $CSV" \
        "sqlite3 -csv: same columns" "sqlite3 -csv -header $WORK/large.db '.read scripts/bench/export-floor.sql' > $WORK/export/floor.csv"
    extra "Peak memory (\`/usr/bin/time -v\`, maximum resident set): socialtime export $(peak_memory "$BIN" --db "$WORK/large.db" export --all --kind entries --out "$CSV") MB (target: under 64 MB); sqlite3 -csv $(peak_memory sqlite3 -csv -header "$WORK/large.db" ".read scripts/bench/export-floor.sql") MB."
else
    note "**export**: not measured — this build has no \`export\` command yet (export/import branch). Target: at least half the throughput of \`sqlite3 -csv\` of the same columns (\`scripts/bench/export-floor.sql\`), peak memory under 64 MB."
fi
if has import && [ -f "$CSV" ]; then
    measure import "import of the $LARGE-row export into an empty database" "sqlite3 .import" \
        "at least a third of the floor's throughput (≤ 3× its time)" "socialtime import" 3 --runs 3 --warmup 0 \
        --prepare "cp $WORK/empty.db $WORK/import.db" -- \
        "socialtime import" "$BIN --db $WORK/import.db import $CSV --from socialtime" \
        "sqlite3 .import" "sqlite3 $WORK/import.db '.import --csv $CSV import_rows'" \
        "sqlite3: .import, then into the schema with audit rows" "sqlite3 $WORK/import.db '.import --csv $CSV import_rows' '.read scripts/bench/import-floor.sql'"
    extra "\`import\` validates every row as \`log\` does (handle, catalogues, dates, text, the 24-hour day), looks up a kept \`entry_id\`, and writes each entry with its indexes and an audit row; the floor's \`.import\` only appends text to a table without indexes. The third row puts the same rows into socialtime's schema with plain SQL, without the per-row checks."
    if command -v valgrind >/dev/null; then
        say "profiling the import of 20,000 rows with callgrind"
        head -20001 "$CSV" >"$WORK/import-20k.csv"
        cp "$WORK/empty.db" "$WORK/profile-import.db"
        import_total=$(profile "$WORK/import.callgrind" "$BIN" --db "$WORK/profile-import.db" import "$WORK/import-20k.csv")
        extra "Profile of importing the first 20,000 rows (callgrind, instructions): $(mi "$import_total") in all; SQLite running the per-row statements (the lookup of a kept entry_id, the day's total for the 24-hour rule, the insert, the audit insert) $(mi "$(part "$WORK/import.callgrind" "sqlite3_step [")"), the audit row's JSON $(mi "$(part "$WORK/import.callgrind" "JSONO5write")"), reading the CSV $(mi "$(part "$WORK/import.callgrind" "CSVReaderV4next")"), text validation $(mi "$(part "$WORK/import.callgrind" "TextO8validate")"). Before the import fixes (a generic-metadata lookup per CSV byte, per-scalar Unicode property lookups, a JSON copy of every row for its audit entry, a day-total query per row) the same import took 6.57 G."
    fi
    import_bench "$CSV"
else
    note "**import**: not measured — this build has no \`import\` command yet, or no export to import. Target: at least a third of the throughput of the sqlite3 CLI's \`.import\`."
fi

# --- 5. Timewarrior and Watson on one person's history -------------------------------------------
say "loading $PERSON's history into Timewarrior, Watson and a socialtime database of its own"
sqlite3 -separator ' ' "$WORK/large.db" "SELECT e.date, e.minutes, n.key, o.key FROM entries e JOIN staff s ON s.id = e.staff_id JOIN networks n ON n.id = e.network_id JOIN outcomes o ON o.id = e.outcome_id WHERE s.handle = '$PERSON' AND e.deleted = 0 ORDER BY e.date, e.id" \
    | python3 scripts/bench/one-person.py "$TIMEWARRIORDB" "$WATSON_DIR"
person_entries=$(sqlite3 "$WORK/large.db" "SELECT count(*) FROM entries e JOIN staff s ON s.id = e.staff_id WHERE s.handle = '$PERSON' AND e.deleted = 0")
cp "$WORK/empty.db" "$WORK/person.db"
sqlite3 "$WORK/person.db" "ATTACH '$WORK/large.db' AS big; INSERT INTO staff SELECT * FROM big.staff WHERE handle = '$PERSON'; INSERT INTO entries SELECT e.* FROM big.entries e JOIN big.staff s ON s.id = e.staff_id WHERE s.handle = '$PERSON' AND e.deleted = 0; INSERT INTO audit_log(at, actor, action, entry_id, after) SELECT logged_at, '$PERSON', 'create', id, '{}' FROM entries;"
cp -a "$TIMEWARRIORDB" "$WORK/timew.orig"; cp -a "$WATSON_DIR" "$WORK/watson.orig"; cp "$WORK/person.db" "$WORK/person.orig.db"
monday=2025-11-24; next_monday=2025-12-01; sunday=2025-11-30

week_commands=(
    "socialtime entries --week" "$BIN --db $WORK/person.db --as $PERSON entries --week $WEEK"
    "timew summary" "timew summary $monday - $next_monday"
    "watson report" "watson report --from $monday --to $sunday --no-pager"
)
if has report; then week_commands+=("socialtime report --week" "$BIN --db $WORK/person.db report --week $WEEK --format json"); fi
measure tools-week "one person's week ($person_entries entries of history): socialtime, Timewarrior, Watson" "socialtime entries --week" "" "" 0 -N -- "${week_commands[@]}"
extra "The ratio column is relative to socialtime here. Timewarrior and Watson are single-user tools, so each got $PERSON's own history (written straight into their data files by \`scripts/bench/one-person.py\`); socialtime reads the same entries from a database of that person alone."

cat >"$WORK/restore.sh" <<EOF
rm -rf $WORK/person.db* $TIMEWARRIORDB $WATSON_DIR
cp $WORK/person.orig.db $WORK/person.db
cp -a $WORK/timew.orig $TIMEWARRIORDB
cp -a $WORK/watson.orig $WATSON_DIR
EOF
measure tools-add "add one entry to one person's history: socialtime, Timewarrior, Watson" "socialtime log" "" "" 0 \
    --prepare "bash $WORK/restore.sh" -N -- \
    "socialtime log" "$BIN --db $WORK/person.db --as $PERSON log 30m --network linkedin --outcome recruiting --date 2026-11-27" \
    "timew track" "timew track 2026-11-27T05:00:00 - 2026-11-27T05:30:00 linkedin recruiting" \
    "watson add" "watson add --from \"2026-11-27 05:00\" --to \"2026-11-27 05:30\" linkedin +recruiting"
extra "Each run starts from the same files (hyperfine --prepare copies them back, untimed). Durability differs: \`log\` commits with fsync (SQLite WAL, \`synchronous=FULL\`), while \`timew track\` and \`watson add\` write a temporary file and rename it without any fsync (strace), so after a power cut their last entries can be lost. Timewarrior's lead is mostly socialtime's start-up (compare the CPU column and the log profile); skipping the fsync is the smaller part."

# --- 6. failure paths that must end promptly -------------------------------------------------------
# Measured here rather than asserted in the tests (a test asserts what happens, never how long it
# takes on a shared machine): an export over the whole supported range of dates (it once analysed
# 52,000 empty weeks for 9 s), and a server that is not there (a closed port: exit 1 at once).
failure_paths_bench() {
    if has export; then
        measure export-whole-range "export --from 2000-01-01 --to 2999-12-31 --kind summary ($SMALL entries)" \
            "export, whole range" "" "" 0 --runs 5 -N -- \
            "export, whole range" "$BIN --db $WORK/small.db export --from 2000-01-01 --to 2999-12-31 --kind summary --out -"
    fi
    local port
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    measure unreachable-server "a PostgreSQL URL whose port is closed: exit 1 naming host and port" \
        "entries, closed port" "" "" 0 --runs 5 -i -N -- \
        "entries, closed port" "$BIN --db postgresql://someone:secret@127.0.0.1:$port/team entries"
}
failure_paths_bench

python3 scripts/bench/report.py "$RESULTS" reports/benchmarks.md
startup_bench
if [ -n "$PG_URL" ]; then
    postgres_bench
else
    say "no BENCH_POSTGRES_URL: the PostgreSQL store was not measured"
fi
say "wrote reports/benchmarks.md"
