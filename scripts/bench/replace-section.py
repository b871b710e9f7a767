"""Puts a section written by scripts/bench/report.py into reports/benchmarks.md under its own
heading: `replace-section.py SECTION.md BENCHMARKS.md HEADING`. The section's "## Results"
heading becomes a paragraph break; it replaces an earlier section of that heading, or is appended."""
import sys

section = open(sys.argv[1]).read().replace("\n## Results\n", "\n", 1).rstrip() + "\n"
heading = "## " + sys.argv[3]
try:
    text = open(sys.argv[2]).read()
except FileNotFoundError:
    text = "# socialtime benchmarks\n"
lines = text.split("\n")
start = next((i for i, line in enumerate(lines) if line == heading), None)
if start is not None:
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    lines[start:end] = section.rstrip("\n").split("\n") + [""]
    text = "\n".join(lines)
else:
    text = text.rstrip() + "\n\n" + section
open(sys.argv[2], "w").write(text.rstrip() + "\n")
