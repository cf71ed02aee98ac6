"""The search index, build/search.sqlite: SQLite FTS5 tables kept in step with the policies.

Why SQLite FTS5: it ships inside Python's own sqlite3, so search needs no server
and no new dependency; it tokenizes, stems (porter), ranks (bm25), highlights
and lists its vocabulary (fts5vocab) itself; and one file under build/ holds the
whole index, updated in transactions, so a crash leaves the index as it was.

Tables:
- ``clauses`` (FTS5, porter unicode61): one row per unit; ``body`` and ``head`` are
  the folded text and heading that queries match (``spelling.fold``), the
  other columns (unindexed) what a hit shows, the original text among them.
- ``words`` (FTS5, unicode61, no stemming) and ``words_vocab`` (fts5vocab): the
  words of the original texts as written, which a query without hits is
  offered near terms from (stems such as "organ" would read badly).
- ``policies``: each indexed policy's input key, and the generation (a counter
  raised by every update that changes something) it was last indexed in: only
  a policy whose key changed is indexed again, and the counter shows which were.

An index of another schema version, or a file that is not one, is replaced by an
empty index, which the next update fills.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from policygen.search.rows import Row
from policygen.search.spelling import fold

INDEX_NAME = "search.sqlite"
SCHEMA_VERSION = 1
COLUMNS = ("org", "org_name", "policy", "title", "kind", "unit", "number", "heading", "block", "text", "ord")
TOKENIZER = "porter unicode61 remove_diacritics 2"

_SCHEMA = f"""
CREATE TABLE policies(id TEXT PRIMARY KEY, key TEXT NOT NULL, generation INTEGER NOT NULL);
CREATE TABLE meta(name TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT INTO meta VALUES ('generation', 0);
CREATE VIRTUAL TABLE clauses USING fts5(body, head, policy_id UNINDEXED,
    {", ".join(f"{c} UNINDEXED" for c in COLUMNS)}, tokenize='{TOKENIZER}');
CREATE VIRTUAL TABLE words USING fts5(text, tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE words_vocab USING fts5vocab(words, 'row');
PRAGMA user_version = {SCHEMA_VERSION};
"""


class SearchUnavailable(RuntimeError):
    """This Python's SQLite lacks FTS5 (it is compiled in almost everywhere): search cannot work here."""


@dataclass
class Update:
    """What an update did: policies indexed again, removed, and left as they were because they did not load."""

    indexed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    not_loaded: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.indexed or self.removed)


# Given the policies ("org/policy") to index, the rows of each that could be loaded.
Loader = Callable[[list[str]], dict[str, list[Row]]]


class SearchIndex:
    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self.db = db
        self.path = path

    @classmethod
    def open(cls, path: Path) -> "SearchIndex":
        """The index at ``path``, created if missing, replaced by an empty one if of another schema or unreadable."""
        db = _connect(path)
        if db is None:
            _replace_with_empty(path)
            db = _connect(path)
            assert db is not None
        return cls(db, path)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "SearchIndex":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def keys(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT id, key FROM policies"))

    def generations(self) -> dict[str, int]:
        """Each policy's generation: the update that last indexed it."""
        return dict(self.db.execute("SELECT id, generation FROM policies ORDER BY id"))

    def update(self, keys: dict[str, str], load: Loader) -> Update:
        """Bring the index in step with ``keys`` (every policy there should be, with its input key),
        in one transaction: policies whose key changed are loaded and indexed again, those no
        longer there are removed. One that does not load keeps its old rows and is tried again next time."""
        stored = self.keys()
        stale = sorted(k for k, v in keys.items() if stored.get(k) != v)
        result = Update(removed=sorted(k for k in stored if k not in keys))
        if not stale and not result.removed:
            return result
        rows = load(stale) if stale else {}
        result.indexed = sorted(k for k in stale if k in rows)
        result.not_loaded = sorted(k for k in stale if k not in rows)
        if not result.changed:
            return result
        with self.db:  # one transaction: all of it or, on any failure, none
            self.db.execute("UPDATE meta SET value = value + 1 WHERE name = 'generation'")
            generation = self.db.execute("SELECT value FROM meta WHERE name = 'generation'").fetchone()[0]
            for key in result.removed:
                self._delete(key)
                self.db.execute("DELETE FROM policies WHERE id = ?", (key,))
            for key in result.indexed:
                self._delete(key)
                self._insert(key, rows[key])
                self.db.execute("INSERT OR REPLACE INTO policies VALUES (?, ?, ?)", (key, keys[key], generation))
        return result

    def _delete(self, key: str) -> None:
        self.db.execute("DELETE FROM words WHERE rowid IN (SELECT rowid FROM clauses WHERE policy_id = ?)", (key,))
        self.db.execute("DELETE FROM clauses WHERE policy_id = ?", (key,))

    def _insert(self, key: str, rows: Iterable[Row]) -> None:
        marks = ", ".join("?" * (3 + len(COLUMNS)))
        for row in rows:
            values = (row.org, row.org_name, row.policy, row.title, row.kind, row.unit, row.number,
                      row.heading, row.block, row.text, row.order)
            cur = self.db.execute(f"INSERT INTO clauses VALUES ({marks})", (fold(row.text).text, fold(row.heading).text, key, *values))
            self.db.execute("INSERT INTO words(rowid, text) VALUES (?, ?)", (cur.lastrowid, f"{row.heading}\n{row.text}"))


def _connect(path: Path) -> sqlite3.Connection | None:
    """A connection to the index at ``path`` if there is one of this schema."""
    if not path.is_file():
        return None
    db = sqlite3.connect(path)
    try:
        if db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
            db.execute("SELECT count(*) FROM policies").fetchone()
            return db
    except sqlite3.DatabaseError:
        pass
    db.close()
    return None


def _replace_with_empty(path: Path) -> None:
    """Put an empty index of this schema in place of whatever is at ``path``, in one rename."""
    tmp = path.with_name(path.name + ".new")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    try:
        db.executescript(_SCHEMA)
    except sqlite3.OperationalError as exc:
        db.close()
        tmp.unlink()
        if "no such module" in str(exc):
            raise SearchUnavailable(f"this Python's SQLite ({sqlite3.sqlite_version}) has no FTS5, which search needs") from None
        raise
    db.close()
    os.replace(tmp, path)
