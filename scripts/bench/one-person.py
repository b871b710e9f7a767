#!/usr/bin/env python3
"""Writes one person's socialtime history into Timewarrior's and Watson's own data files.

Reads `date minutes network outcome` lines (from the sqlite3 CLI) on stdin and lays each day's
entries end to end from 08:00 UTC, so no intervals overlap (Timewarrior refuses overlaps).
Writing the files directly loads thousands of entries in a moment; calling `timew track` or
`watson add` once per entry would take many minutes.

Formats, as the tools write them themselves (checked against timew 1.4.3 and Watson 2.1.0):
  Timewarrior  data/YYYY-MM.data: `inc 20261120T090000Z - 20261120T103000Z # linkedin recruiting`,
               one line per interval, in time order; data/tags.data: {"tag": {"count": n}}.
  Watson       frames: a JSON list of [start, stop, project, id, [tags], updated_at], in time order.

usage: one-person.py TIMEWARRIORDB WATSON_DIR < rows
"""
import collections
import datetime
import json
import os
import sys
import uuid


def main() -> None:
    timew_dir, watson_dir = sys.argv[1], sys.argv[2]
    os.makedirs(os.path.join(timew_dir, "data"), exist_ok=True)
    os.makedirs(watson_dir, exist_ok=True)

    months = collections.defaultdict(list)
    tags = collections.Counter()
    frames = []
    next_start = {}
    for line in sys.stdin:
        date, minutes, network, outcome = line.split()
        day = datetime.date.fromisoformat(date)
        start = next_start.get(day) or datetime.datetime(day.year, day.month, day.day, 8, tzinfo=datetime.timezone.utc)
        end = start + datetime.timedelta(minutes=int(minutes))
        next_start[day] = end

        stamp = "%Y%m%dT%H%M%SZ"
        months[day.strftime("%Y-%m")].append(f"inc {start.strftime(stamp)} - {end.strftime(stamp)} # {network} {outcome}")
        tags[network] += 1
        tags[outcome] += 1
        frames.append([int(start.timestamp()), int(end.timestamp()), network, uuid.uuid4().hex, [outcome], int(end.timestamp())])

    for month, lines in months.items():
        with open(os.path.join(timew_dir, "data", f"{month}.data"), "w") as out:
            out.write("\n".join(lines) + "\n")
    with open(os.path.join(timew_dir, "data", "tags.data"), "w") as out:
        json.dump({tag: {"count": count} for tag, count in sorted(tags.items())}, out)
    with open(os.path.join(timew_dir, "timewarrior.cfg"), "w") as out:
        out.write("verbose = off\n")
    with open(os.path.join(watson_dir, "frames"), "w") as out:
        json.dump(frames, out)
    print(f"{len(frames)} entries for Timewarrior and Watson", file=sys.stderr)


if __name__ == "__main__":
    main()
