#!/usr/bin/env bash
# Renders the HTML report of the demo database to a PNG with headless Chromium, to look at it.
#   scripts/screenshot-report.sh [OUT.png] [extra `socialtime report` options…]
#   SHOT_SIZE=1000,2300 scripts/screenshot-report.sh   # a taller window shows the whole page
# Default OUT.png: $TMPDIR/socialtime-report.png (outside the repository).
# Needs Debian's chromium package (apt-get install -y chromium). The demo database and the
# HTML go to a temporary folder; SOCIALTIME_TODAY is fixed so the picture is reproducible.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-${TMPDIR:-/tmp}/socialtime-report.png}")"
shift || true
swift build --product socialtime >/dev/null
bin="$(swift build --show-bin-path)/socialtime"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export SOCIALTIME_TODAY="${SOCIALTIME_TODAY:-2026-11-27}" NO_COLOR=1
"$bin" demo --db "$work/demo.db" >/dev/null
"$bin" --db "$work/demo.db" report --format html --out "$work/report.html" "$@"
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome)"
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=${SHOT_SIZE:-1000,1400} \
  --screenshot="$out" "file://$work/report.html" 2>/dev/null
echo "wrote $out"
