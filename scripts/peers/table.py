#!/usr/bin/env python3
"""The side-by-side table for scripts/side-by-side.sh: reads each engine's files in WORK
(`<engine>.time`: GNU time -v of the index step, `<engine>.size`: bytes of the index,
`<engine>.run.json`: latencies and hit totals, or `<engine>.unavailable`: why it could not
run) and prints a markdown table, referat's column first. Medians and p99s are computed here
for every engine alike (p99: nearest rank over all (query, round) samples).

Usage: table.py WORK [BENCHMARKS.md]   (with a file: replaces the block between the
<!-- side-by-side:begin --> and <!-- side-by-side:end --> markers)
"""
import json
import math
import os
import re
import statistics
import sys

ENGINES = [("referat", "referat"), ("xapian", "Xapian 1.4"), ("fts5", "SQLite FTS5"),
           ("lucene", "Lucene 8.7 (no Lucene 9 here)")]
BEGIN, END = "<!-- side-by-side:begin -->", "<!-- side-by-side:end -->"


def read(work, name, suffix):
    path = os.path.join(work, name + suffix)
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def gnu_time(text):
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", text)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    hours, minutes, seconds = (float(g or 0) for g in wall.groups())
    return hours * 3600 + minutes * 60 + seconds, int(rss.group(1))


def p99(values):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.99 * len(ordered)) - 1)]


def latency(values):
    if not values:
        return "—"
    return f"{statistics.median(values):.2f} / {p99(values):.2f}"


def column(work, name):
    reason = read(work, name, ".unavailable")
    if reason is not None:
        return {"unavailable": reason.strip()}
    seconds, rss_kb = gnu_time(read(work, name, ".time"))
    run = json.loads(read(work, name, ".run.json"))
    return {
        "index": f"{seconds:.1f} s",
        "size": f"{int(read(work, name, '.size')) / 1e6:.1f} MB",
        "rss": f"{rss_kb / 1024:.0f} MB",
        "facets": latency(run["facets_ms"]),
        "single": latency(run["single_ms"]),
        "page": latency(run.get("page_ms", [])),
        "hits": f"{sum(run['hits']):,}",
    }


ROWS = [("index", "index the items (wall)"), ("size", "index size on disk"),
        ("rss", "peak RSS while indexing"),
        ("facets", "top-10 + facet counts, median / p99 ms (50 queries)"),
        ("single", "single-term top-10, median / p99 ms (15 queries)"),
        ("page", "search page: + snippets + histogram, median / p99 ms"),
        ("hits", "matches summed over the mix")]


def table(work):
    columns = [(label, column(work, name)) for name, label in ENGINES]
    lines = ["| | " + " | ".join(label for label, _ in columns) + " |",
             "|---|" + "---|" * len(columns)]
    for key, title in ROWS:
        cells = []
        for _, col in columns:
            cells.append(f"not run: {col['unavailable']}" if "unavailable" in col else col[key])
        lines.append(f"| {title} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def replace_block(path, block):
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        sys.exit(f"no {BEGIN} … {END} block in {path}")
    text = text[:start + len(BEGIN)] + "\n" + block + text[end:]
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    work = sys.argv[1]
    block = table(work)
    meta = read(work, "", "meta.md")
    if meta:
        block = meta + "\n" + block
    print(block)
    if len(sys.argv) == 3:
        replace_block(sys.argv[2], block)


if __name__ == "__main__":
    main()
