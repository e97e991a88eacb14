#!/usr/bin/env python3
"""SQLite FTS5 peer for scripts/side-by-side.sh (Python's sqlite3 module).

  fts5_peer.py index ITEMS.jsonl DB     FTS5 table (title, body), unicode61 tokenizer
  fts5_peer.py run DB MIX.json ROUNDS OUT.json

FTS5 has no Danish stemmer (its built-in stemmer, porter, is English only), so words match
only in the form typed: `lægedækning` does not find `lægedækningen`. unicode61 runs with
remove_diacritics 0 so å stays å (with 1 it would fold to a). Ranking is FTS5's bm25
(`ORDER BY rank`). Facets: plain tables item(klynge, niveau, aar) and item_kommune, counted
with GROUP BY over the matching rowids (collected once per query into a temp table).
"""
import sqlite3

from common import main, read_items

FACETS = (
    ("klynge", "SELECT i.klynge, count(*) FROM m JOIN item i ON i.id = m.id GROUP BY 1"),
    ("niveau", "SELECT i.niveau, count(*) FROM m JOIN item i ON i.id = m.id GROUP BY 1"),
    ("aar", "SELECT i.aar, count(*) FROM m JOIN item i ON i.id = m.id GROUP BY 1"),
    ("kommune", "SELECT k.kommune, count(*) FROM m JOIN item_kommune k ON k.id = m.id GROUP BY 1"),
)


def index(items_path, db_path):
    db = sqlite3.connect(db_path)
    db.executescript("""
        DROP TABLE IF EXISTS fts; DROP TABLE IF EXISTS item; DROP TABLE IF EXISTS item_kommune;
        CREATE VIRTUAL TABLE fts USING fts5(title, body, tokenize='unicode61 remove_diacritics 0');
        CREATE TABLE item(id INTEGER PRIMARY KEY, item_id TEXT, klynge TEXT, niveau TEXT, aar TEXT);
        CREATE TABLE item_kommune(id INTEGER, kommune TEXT);
    """)
    with db:
        for n, item in enumerate(read_items(items_path), start=1):
            db.execute("INSERT INTO fts(rowid, title, body) VALUES (?, ?, ?)",
                       (n, item["title"], item["body"]))
            db.execute("INSERT INTO item VALUES (?, ?, ?, ?, ?)",
                       (n, item["id"], item["klynge"], item["niveau"], item["aar"]))
            db.executemany("INSERT INTO item_kommune VALUES (?, ?)",
                           [(n, k) for k in item["kommuner"]])
        db.execute("CREATE INDEX item_kommune_id ON item_kommune(id)")
        db.execute("CREATE INDEX item_klynge_aar ON item(klynge, aar)")
    db.close()


def match_expression(q):
    """Every word quoted (no FTS5 syntax from the corpus); a phrase is one quoted string."""
    if q["kind"] == "phrase":
        return '"' + " ".join(q["words"]) + '"'
    return " ".join('"' + w + '"' for w in q["words"])


def where(q):
    sql, params = "fts MATCH ?", [match_expression(q)]
    for column in ("klynge", "aar"):
        if q[column]:
            sql += f" AND fts.rowid IN (SELECT id FROM item WHERE {column} = ?)"
            params.append(q[column])
    return sql, params


class Searcher:
    def __init__(self, db_path):
        self.db = sqlite3.connect(db_path)
        self.db.execute("CREATE TEMP TABLE m(id INTEGER PRIMARY KEY)")

    def top10(self, q):
        sql, params = where(q)
        rows = self.db.execute(
            f"SELECT item.item_id FROM fts JOIN item ON item.id = fts.rowid "
            f"WHERE {sql} ORDER BY rank LIMIT 10", params)
        return [r[0] for r in rows]

    def with_facets(self, q):
        ids = self.top10(q)
        sql, params = where(q)
        self.db.execute("DELETE FROM m")
        self.db.execute(f"INSERT INTO m SELECT rowid FROM fts WHERE {sql}", params)
        total = self.db.execute("SELECT count(*) FROM m").fetchone()[0]
        counts = {name: dict(self.db.execute(facet_sql).fetchall()) for name, facet_sql in FACETS}
        assert len(ids) <= 10 and len(counts) == len(FACETS)
        return total

    def single_term(self, q):
        return self.top10(q)


if __name__ == "__main__":
    main(__doc__, index, Searcher)
