#!/usr/bin/python3
"""Xapian 1.4 peer for scripts/side-by-side.sh (Debian's python3-xapian, so run it with
/usr/bin/python3).

  xapian_peer.py index ITEMS.jsonl DB     index title + body with the Danish Snowball stemmer
  xapian_peer.py run DB MIX.json ROUNDS OUT.json

Facets: values klynge (0), niveau (1), kommuner (2), aar (3), counted with
ValueCountMatchSpy over every match (check_at_least = all documents, so counts are exact
like referat's). A value slot holds one string per document, so slot 2 holds the item's
kommuner joined by U+001F and the combination counts are split into per-kommune counts
after the match. Filters are boolean terms XK<klynge>, XA<aar> under OP_FILTER.
"""
from collections import Counter

import xapian

from common import main, read_items

SEP = "\x1f"
SLOTS = {"klynge": 0, "niveau": 1, "kommune": 2, "aar": 3}


def index(items_path, db_path):
    db = xapian.WritableDatabase(db_path, xapian.DB_CREATE_OR_OVERWRITE)
    generator = xapian.TermGenerator()
    generator.set_stemmer(xapian.Stem("danish"))
    for item in read_items(items_path):
        doc = xapian.Document()
        generator.set_document(doc)
        generator.index_text(item["title"])
        generator.increase_termpos()
        generator.index_text(item["body"])
        doc.add_boolean_term("XK" + item["klynge"])
        doc.add_boolean_term("XA" + item["aar"])
        doc.add_value(SLOTS["klynge"], item["klynge"])
        doc.add_value(SLOTS["niveau"], item["niveau"])
        doc.add_value(SLOTS["kommune"], SEP.join(item["kommuner"]))
        doc.add_value(SLOTS["aar"], item["aar"])
        doc.set_data(item["id"] + "\n" + item["title"] + "\n" + item["body"])
        db.add_document(doc)
    db.commit()
    db.close()


class Searcher:
    def __init__(self, db_path):
        self.db = xapian.Database(db_path)
        self.parser = xapian.QueryParser()
        self.parser.set_stemmer(xapian.Stem("danish"))
        self.parser.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
        self.parser.set_default_op(xapian.Query.OP_AND)
        self.parser.set_database(self.db)

    def query(self, q):
        text = " ".join(q["words"])
        if q["kind"] == "phrase":
            text = '"' + text + '"'
        query = self.parser.parse_query(text)
        for prefix, value in (("XK", q["klynge"]), ("XA", q["aar"])):
            if value:
                query = xapian.Query(xapian.Query.OP_FILTER, query, xapian.Query(prefix + value))
        return query

    def with_facets(self, q):
        enquire = xapian.Enquire(self.db)
        enquire.set_query(self.query(q))
        spies = {name: xapian.ValueCountMatchSpy(slot) for name, slot in SLOTS.items()}
        for spy in spies.values():
            enquire.add_matchspy(spy)
        mset = enquire.get_mset(0, 10, self.db.get_doccount())
        ids = [m.document.get_data().split(b"\n", 1)[0].decode() for m in mset]
        counts = {name: {t.term.decode(): t.termfreq for t in spy.values()}
                  for name, spy in spies.items()}
        counts["kommune"] = split_combinations(counts["kommune"])
        assert len(ids) <= 10
        return mset.get_matches_estimated()

    def single_term(self, q):
        enquire = xapian.Enquire(self.db)
        enquire.set_query(self.query(q))
        mset = enquire.get_mset(0, 10)
        return [m.document.get_data().split(b"\n", 1)[0].decode() for m in mset]


def split_combinations(combos):
    counts = Counter()
    for combo, n in combos.items():
        for name in combo.split(SEP):
            if name:
                counts[name] += n
    return counts


if __name__ == "__main__":
    main(__doc__, index, Searcher)
