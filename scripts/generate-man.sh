#!/bin/sh
# Regenerates docs/socialtime.1, the man page, from the command definitions with
# swift-argument-parser's GenerateManual plugin (it builds socialtime and reads its
# --experimental-dump-help), so the page says exactly what `--help` says.
#
#   scripts/generate-man.sh           write docs/socialtime.1
#   scripts/generate-man.sh --check   exit 1 when docs/socialtime.1 is out of date (the date aside)
#
# Run it after changing a command, an option or a help text; the EndToEnd test
# ManPageTests fails when a command or option is missing from the committed page.
set -eu
cd "$(dirname "$0")/.."

page=docs/socialtime.1
swift package generate-manual --configuration debug --date "$(date -u +%Y-%m-%d)" >/dev/null
fresh=.build/plugins/GenerateManual/outputs/socialtime/socialtime.1
[ -f "$fresh" ] || { echo "generate-man.sh: the plugin wrote no $fresh" >&2; exit 1; }

# The plugin leaves an empty line between a discussion's paragraphs (mdoc warns "Empty input
# line": a paragraph is .Pp) and ends with .Ex -std, which names only 0 and >0: every exit code
# socialtime gives is listed instead. (It also drops every non-ASCII character from the help
# texts, so those are kept ASCII; ManPageTests checks.)
fixed=$(mktemp)
trap 'rm -f "$fixed"' EXIT
awk '
/^$/ { print ".Pp"; next }
/^\.Ex -std$/ {
    print "socialtime exits with:"
    print ".Bl -tag -width 4n"
    print ".It 0"
    print "Success."
    print ".It 1"
    print "Failure: I/O, a file that is not a socialtime database or has a newer schema, a write to a read-only file, an export that cannot be written, a PostgreSQL server that cannot be reached."
    print ".It 3"
    print "Flags found, with --fail-on-flags."
    print ".It 64"
    print "Invalid usage or input: a bad duration, date, week, handle, network or outcome, the 24 h cap, a short justification, a file that would be overwritten. The message says what was wrong and what is accepted."
    print ".It 65"
    print "Invalid data in an import file (the rows are named)."
    print ".It 66"
    print "No such database, for a command that only reads (a typo in a crontab does not produce empty reports)."
    print ".It 75"
    print "The database stayed busy after retries: safe for cron to retry."
    print ".It 77"
    print "Permission denied by the rules (the message names the rule); nothing was changed."
    print ".El"
    next
}
{ print }
' "$fresh" > "$fixed"
fresh=$fixed

if [ "${1:-}" = "--check" ]; then
    # The .Dd line is the generation date: not a difference in content.
    if [ -f "$page" ] && [ "$(grep -v '^\.Dd ' "$fresh")" = "$(grep -v '^\.Dd ' "$page")" ]; then
        echo "$page is up to date"
        exit 0
    fi
    echo "$page is out of date: run scripts/generate-man.sh and commit it" >&2
    exit 1
fi

mkdir -p docs
cat "$fresh" > "$page"
echo "wrote $page"
