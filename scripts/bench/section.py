#!/usr/bin/env python3
"""Puts one section of the benchmark report into reports/benchmarks.md.

usage: section.py HEADING SECTION.md REPORT.md

SECTION.md is what report.py wrote for that section alone; its own "## Results" heading becomes a
paragraph break. It replaces the earlier section of REPORT.md that starts with the line HEADING
(up to the next "## " heading), or is appended.
"""
import sys

heading, section_file, report = sys.argv[1], sys.argv[2], sys.argv[3]
section = open(section_file).read().replace("\n## Results\n", "\n", 1).rstrip() + "\n"
try:
    text = open(report).read()
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
open(report, "w").write(text.rstrip() + "\n")
