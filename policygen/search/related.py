"""Words of policy language that mean the same thing, so a search finds a clause asked for in other words.

A governance officer asks for "photographs of patients"; one policy says "images of
service users", another "photos … of patients". Stemming and the spelling fold join
forms of one word; this table joins different words. Each group below is a set of
words (or short phrases) a policy uses for one idea; a word typed outside quotes also
searches for the rest of its group(s). The table is small and reviewed on purpose:
every group is read in the sense the shipped policies use it (a "post" is something
published, not a job), and a word with several senses in policy text is left out
rather than joined to the wrong ones. Add a group when a search in other words
misses a clause it should find, with a case in tests/search/test_relevance.py.

A word is looked up by its stem, worked out by the index's own tokenizer (SQLite
FTS5, porter), so "photographs", "photographed" and "photograph" all find the
first group. Phrases ("service user", "sign off") are searched for as phrases but
are not looked up: type "client" to find "service user", or quote a phrase to
search for it alone.

FUNCTION_WORDS are dropped from a query outside quotes (unless nothing else is
left): "who approves an official account" asks for approval of accounts, and a
clause saying so need not contain "who" or "an".
"""

from __future__ import annotations

import sqlite3
from functools import cache

from policygen.search.spelling import WORD, fold

GROUPS: tuple[tuple[str, ...], ...] = (
    # people
    ("patient", "service user", "client"),
    ("staff", "employee", "colleague", "worker", "member of staff", "personnel"),
    ("carer", "relative", "family member"),
    ("researcher", "analyst"),
    # what is published on social media
    ("photograph", "photo", "image", "picture", "video", "selfie"),
    ("comment", "post", "message", "tweet", "content"),
    ("account", "profile", "page"),
    ("pseudonym", "anonymous", "anonymously", "fake", "false name"),
    # conduct
    ("abuse", "abusive", "harassment", "bullying", "offensive", "insult", "intimidating"),
    ("inappropriate", "unacceptable", "unprofessional"),
    ("misconduct", "breach of policy"),
    # information
    ("confidential", "private", "sensitive"),
    ("anonymised", "pseudonymised", "de-identified"),
    ("data", "information"),
    ("record", "file", "document"),
    ("password", "login", "log in", "credential"),
    ("leak", "disclose", "disclosure", "reveal", "share"),
    ("breach", "incident"),
    ("keep", "kept", "retain", "retention", "store"),
    ("delete", "destroy", "remove", "erase"),
    # decisions and duties
    ("approve", "approval", "authorise", "authorisation", "sign off", "endorse", "permission"),
    ("official", "corporate"),
    ("report", "tell", "inform", "notify"),
    ("concern", "worry", "suspicion"),
    ("risk", "hazard", "danger"),
    # software and security
    ("vulnerability", "security flaw", "flaw", "weakness", "bug"),
    ("code", "software", "source code"),
    ("licence", "license"),
    ("reuse", "repurpose"),
)

FUNCTION_WORDS = frozenset(
    "a an the of to for in on at by from with about as and or is are be been do does can "
    "who whom what which when where why how i we you it its my our your their this that these those".split()
)


def stems(words: list[str]) -> list[str]:
    """Each word's stem as the index sees it: folded (``spelling``), then stemmed by FTS5's porter tokenizer."""
    db = sqlite3.connect(":memory:")
    try:
        db.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='porter unicode61 remove_diacritics 2')")
        db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
        db.executemany("INSERT INTO t(rowid, x) VALUES (?, ?)", [(i + 1, fold(w).text) for i, w in enumerate(words)])
        by_row = dict(db.execute("SELECT doc, term FROM v"))
    finally:
        db.close()
    return [by_row.get(i + 1, w.lower()) for i, w in enumerate(words)]


@cache
def _table() -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    """Each single word's stem → the words of its groups (table order, no repeats); and each single word's stem."""
    singles = [w for group in GROUPS for w in group if len(WORD.findall(w)) == 1]
    stem_of = dict(zip(singles, stems(singles)))
    table: dict[str, tuple[str, ...]] = {}
    for group in GROUPS:
        for word in group:
            if word in stem_of:
                table[stem_of[word]] = tuple(dict.fromkeys((*table.get(stem_of[word], ()), *group)))
    return table, stem_of


def related(word: str) -> tuple[str, ...]:
    """The words searched for besides ``word``: the other words of its groups (a phrase, or of another stem)."""
    [stem] = stems([word])
    table, stem_of = _table()
    return tuple(w for w in table.get(stem, ()) if stem_of.get(w) != stem)
