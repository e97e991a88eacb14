#!/usr/bin/env python3
"""The shared query mix for scripts/side-by-side.sh: ~50 queries sampled deterministically
(fixed seed) from the words and phrases of the items JSONL, written as JSON for every engine.

Kinds: `term` (one word), `and` (two words from one item), `phrase` (2-3 adjacent words of
one item, quoted), `facet` (one word filtered to a klynge, or a klynge and a year). Words
are letters only, at least 6 long, not Danish stop words, and in 0.2 %-25 % of the items,
so each query finds something in every engine and none matches nearly everything.

Usage: make_mix.py ITEMS.jsonl OUT.json [SEED]
"""
import json
import random
import re
import sys
from collections import Counter

WORD = re.compile(r"[a-zæøåéü]+")
PHRASE = re.compile(r"(?<![\w-])([a-zæøå]{4,}(?: [a-zæøå]{4,}){1,2})(?![\w-])")
# Snowball's Danish stop words that are 6 letters or longer (shorter words are never picked).
STOP = {"hvilken", "hvilke", "mellem", "nogle", "hendes", "deres", "fordi", "under", "noget",
        "nogen", "sådan", "hende", "alle", "selv", "disse", "efter", "meget", "thi"}


def load(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def candidate_words(items):
    df = Counter()
    for item in items:
        df.update(set(WORD.findall((item["title"] + " " + item["body"]).lower())))
    low, high = max(2, len(items) * 0.002), len(items) * 0.25
    return {w for w, n in df.items() if len(w) >= 6 and w not in STOP and low <= n <= high}


def words_of(item, candidates):
    found = WORD.findall((item["title"] + " " + item["body"]).lower())
    return sorted({w for w in found if w in candidates})


def make_mix(items, seed):
    rng = random.Random(seed)
    candidates = candidate_words(items)
    pool = sorted(candidates)
    klynger = sorted({i["klynge"] for i in items})
    years = sorted({i["aar"] for i in items})
    mix = []
    for word in rng.sample(pool, 15):
        mix.append({"kind": "term", "words": [word], "klynge": None, "aar": None})
    while len(mix) < 30:
        words = words_of(rng.choice(items), candidates)
        if len(words) >= 2:
            mix.append({"kind": "and", "words": rng.sample(words, 2), "klynge": None, "aar": None})
    while len(mix) < 40:
        item = rng.choice(items)
        phrases = [p for p in PHRASE.findall(item["body"].lower())
                   if not set(p.split()) & STOP]
        if phrases:
            mix.append({"kind": "phrase", "words": rng.choice(phrases).split(),
                        "klynge": None, "aar": None})
    for n in range(10):
        aar = rng.choice(years) if n % 2 else None
        mix.append({"kind": "facet", "words": [rng.choice(pool)],
                    "klynge": rng.choice(klynger), "aar": aar})
    return mix


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    seed = int(sys.argv[3]) if len(sys.argv) == 4 else 6
    mix = make_mix(load(sys.argv[1]), seed)
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        json.dump(mix, out, ensure_ascii=False, indent=1)
    print(f"{len(mix)} queries → {sys.argv[2]}", file=sys.stderr)


if __name__ == "__main__":
    main()
