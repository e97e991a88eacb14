#!/usr/bin/env python3
"""Items JSONL and query mix JSON → tab-separated files for LucenePeer.java (the JDK has no
JSON parser and nothing may be downloaded). Tabs, newlines and backslashes in text are
escaped as \\t, \\n, \\\\; multi-valued kommuner are joined with `|`; empty = none.

Usage: to_tsv.py ITEMS.jsonl ITEMS.tsv MIX.json MIX.tsv
"""
import sys

from common import read_items, read_mix


def escape(text):
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "")


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    items_in, items_out, mix_in, mix_out = sys.argv[1:]
    with open(items_out, "w", encoding="utf-8") as out:
        for item in read_items(items_in):
            fields = [item["id"], item["title"], item["body"], item["klynge"], item["niveau"],
                      "|".join(item["kommuner"]), item["aar"]]
            out.write("\t".join(escape(f) for f in fields) + "\n")
    with open(mix_out, "w", encoding="utf-8") as out:
        for q in read_mix(mix_in):
            fields = [q["kind"], " ".join(q["words"]), q["klynge"] or "", q["aar"] or ""]
            out.write("\t".join(escape(f) for f in fields) + "\n")


if __name__ == "__main__":
    main()
