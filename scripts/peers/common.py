"""Shared by the Python peers of scripts/side-by-side.sh: reading the items JSONL and the
query mix, the warm timing loop, and the result file every engine writes (the same shape
as examples/query_mix.rs: latencies in ms per (query, round), hit totals per query)."""
import json
import sys
import time

# Unrecorded rounds first, as in examples/query_mix.rs and LucenePeer.java.
WARM_UP_ROUNDS = 3


def read_items(path):
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def read_mix(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def run_mix(mix, rounds, with_facets, single_term, out_path):
    """Time every query top-10 with facet counts, and the single-term queries top-10 alone.
    The first WARM_UP_ROUNDS rounds only warm up. `with_facets(q)` and `single_term(q)` return the hit total."""
    timings = {"facets_ms": [], "single_ms": [], "hits": []}
    for round_no in range(WARM_UP_ROUNDS + rounds):
        record = round_no >= WARM_UP_ROUNDS
        for query in mix:
            started = time.perf_counter()
            hits = with_facets(query)
            elapsed = (time.perf_counter() - started) * 1000.0
            if record:
                timings["facets_ms"].append(elapsed)
            if round_no + 1 == WARM_UP_ROUNDS + rounds:
                timings["hits"].append(hits)
            if query["kind"] == "term":
                started = time.perf_counter()
                single_term(query)
                elapsed = (time.perf_counter() - started) * 1000.0
                if record:
                    timings["single_ms"].append(elapsed)
    with open(out_path, "w", encoding="utf-8") as out:
        json.dump(timings, out)


def main(usage, index, searcher_class):
    """The command line every peer shares: `index ITEMS DB` or `run DB MIX ROUNDS OUT`."""
    if len(sys.argv) == 4 and sys.argv[1] == "index":
        index(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 6 and sys.argv[1] == "run":
        searcher = searcher_class(sys.argv[2])
        run_mix(read_mix(sys.argv[3]), int(sys.argv[4]), searcher.with_facets,
                searcher.single_term, sys.argv[5])
    else:
        sys.exit(usage)
