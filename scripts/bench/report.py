#!/usr/bin/env python3
"""Turns the benchmark run's hyperfine results into reports/benchmarks.md.

usage: report.py RESULTS_DIR OUTPUT.md

RESULTS_DIR holds machine.md (the header bench.sh wrote) and index.tsv, one line per item, in order:
  MEASURE <tab> json file <tab> title <tab> floor command name <tab> target text <tab> checked name <tab> max ratio
  NOTE    <tab> text                      (a paragraph, e.g. why a measurement was skipped)
  EXTRA   <tab> text                      (a line under the previous measurement's table)
"""
import json
import os
import sys


def ms(seconds: float) -> str:
    value = seconds * 1000
    return f"{value:.1f} ms" if value < 1000 else f"{value / 1000:.2f} s"


def cpu(run: dict) -> float:
    """Mean CPU time of a run: what the process itself spent, without waiting for the disk."""
    return run.get("user", 0) + run.get("system", 0)


def main() -> None:
    results, output = sys.argv[1], sys.argv[2]
    lines = open(os.path.join(results, "machine.md")).read().rstrip().split("\n") + [""]
    summary = []
    with open(os.path.join(results, "index.tsv")) as index:
        for raw in index:
            fields = raw.rstrip("\n").split("\t")
            kind = fields[0]
            if kind == "NOTE":
                lines += [fields[1], ""]
            elif kind == "EXTRA":
                if lines and lines[-1] == "":
                    lines.pop()
                lines += ["", fields[1], ""]
            elif kind == "MEASURE":
                _, file, title, floor, target, checked, limit = fields
                runs = json.load(open(os.path.join(results, file)))["results"]
                by_name = {run["command"]: run for run in runs}
                floor_median = by_name[floor]["median"] if floor in by_name else None
                floor_cpu = cpu(by_name[floor]) if floor in by_name else None
                lines += [f"### {title}", "",
                          "| command | median | min – max | runs | ratio to floor | CPU (user + sys, mean) | CPU ratio |",
                          "|---|---:|---:|---:|---:|---:|---:|"]
                for run in runs:
                    ratio = f"{run['median'] / floor_median:.2f}×" if floor_median else "–"
                    cpu_ratio = f"{cpu(run) / floor_cpu:.2f}×" if floor_cpu else "–"
                    if run["command"] == floor:
                        ratio = "1.00× (floor)"
                    lines.append(f"| `{run['command']}` | {ms(run['median'])} | {ms(run['min'])} – {ms(run['max'])} | {len(run['times'])} | {ratio} | {ms(cpu(run))} | {cpu_ratio} |")
                lines.append("")
                if checked and checked in by_name and floor_median:
                    ratio = by_name[checked]["median"] / floor_median
                    cpu_ratio = cpu(by_name[checked]) / floor_cpu if floor_cpu else 0
                    if ratio > float(limit):
                        verdict = "**missed**"
                    elif cpu_ratio > float(limit) and title.startswith("PostgreSQL:"):
                        # The server does the work for both; psql only passes it on, so the
                        # clients' own CPU is no measure of it (and no disk wait hides anything).
                        verdict = f"met (the clients' own CPU, {cpu_ratio:.2f}×, leaves out the server, which does the work for both)"
                    elif cpu_ratio > float(limit):
                        # Waiting for the disk (fsync) is the same for both and can hide a CPU gap.
                        verdict = f"met on wall-clock time only (CPU {cpu_ratio:.2f}×: fsync latency hides the gap)"
                    else:
                        verdict = "met"
                    lines += [f"Target: {target} — {ratio:.2f}× (CPU {cpu_ratio:.2f}×), {verdict}.", ""]
                    summary.append(f"| {title} | {target} | {ratio:.2f}× | {cpu_ratio:.2f}× | {verdict} |")
                elif target:
                    lines += [f"Target: {target}.", ""]
    if summary:
        at = next(i for i, line in enumerate(lines) if line.startswith("## Results"))
        lines[at + 1:at + 1] = ["", "| measurement | target | wall-clock ratio | CPU ratio | verdict |", "|---|---|---:|---:|---|"] + summary
    with open(output, "w") as out:
        out.write("\n".join(lines).rstrip() + "\n")


if __name__ == "__main__":
    main()
