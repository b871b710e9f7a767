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
cp "$fresh" "$page"
echo "wrote $page"
