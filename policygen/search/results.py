"""Running a query on the index: ranked hits with their matches marked, and near terms when none.

Ranking is first by how many of the words typed a clause holds as typed (a word
also searched for in other words, ``related``, counts only when the clause has the
word itself), so the clause saying what was asked comes before one saying it in
other words; then FTS5's bm25, a match in a clause's own words weighing more than one
in the heading it sits under; equal scores fall back to organisation, policy and
document order, so the same query on the same index always lists the same hits.
Why a count and not a weight: bm25 scores of different words are not comparable (a
rare related word would outweigh a common literal one), whereas "says it as asked"
is what a reader expects first. The count is an SQL subquery per expanded word,
run once per query, so it costs one FTS5 lookup per word.
Matches are found by FTS5's highlight() on the folded text and carried over to
the original text (``spelling.Folded.original``), which is what a hit shows.
"""

from __future__ import annotations

import difflib
import sqlite3
from dataclasses import dataclass

from policygen.search.query import Query, parse
from policygen.search.spelling import WORD, fold
from policygen.search.store import COLUMNS, SearchIndex

BODY_WEIGHT, HEAD_WEIGHT = 1.0, 0.3
_OPEN, _CLOSE = "\x02", "\x03"  # highlight() markers: control characters, which no policy text holds (validation refuses them)


class QuerySyntax(ValueError):
    """FTS5 refused the query (the quoting in ``query`` should make this unreachable)."""


@dataclass(frozen=True)
class Filters:
    orgs: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    policies: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hit:
    org: str
    org_name: str
    policy: str
    title: str
    kind: str
    unit: str
    number: str
    heading: str
    block: str
    text: str
    order: int
    score: float
    matches: tuple[tuple[int, int], ...]  # spans of ``text`` that matched
    heading_matches: tuple[tuple[int, int], ...]  # spans of ``heading`` that matched

    @property
    def anchor_path(self) -> str:
        """The clause in the organisation's HTML, relative to build/."""
        return f"{self.org}/{self.policy}.html#{self.block}"


def search(index: SearchIndex, query: Query, filters: Filters = Filters(), limit: int | None = None) -> list[Hit]:
    """The clauses matching ``query``, best first: ranked in full, then only the first ``limit`` marked,
    since highlight() reads and marks a clause's whole text (at 1,000 policies, marking every match of a
    common word took most of a query's time)."""
    where, params = _where(filters)
    expanded = [t.literal for t in query.terms if t.related]
    literal = " + ".join(["(rowid IN (SELECT rowid FROM clauses WHERE clauses MATCH ?))"] * len(expanded)) or "0"
    order = "literal DESC, round(score, 6), org, policy, ord"
    sql = (
        f"WITH ranked AS (SELECT rowid AS id, bm25(clauses, {BODY_WEIGHT}, {HEAD_WEIGHT}) AS score, {literal} AS literal "
        f"FROM clauses WHERE clauses MATCH ? {where} ORDER BY {order} LIMIT ?) "
        f"SELECT {', '.join(COLUMNS)}, ranked.score, "
        f"highlight(clauses, 0, '{_OPEN}', '{_CLOSE}'), highlight(clauses, 1, '{_OPEN}', '{_CLOSE}') "
        f"FROM ranked JOIN clauses ON clauses.rowid = ranked.id WHERE clauses MATCH ? ORDER BY {order}"
    )
    rows = _execute(index, sql, (*expanded, query.expression, *params, limit or -1, query.expression))
    hits = []
    for *values, score, body, head in rows:
        record = dict(zip(COLUMNS, values))
        hits.append(Hit(
            record["org"], record["org_name"], record["policy"], record["title"], record["kind"], record["unit"],
            record["number"], record["heading"], record["block"], record["text"], record["ord"], round(-score, 6),
            _matches(record["text"], body), _matches(record["heading"], head),
        ))
    return hits


def count(index: SearchIndex, query: Query, filters: Filters = Filters()) -> int:
    """How many clauses match, without ranking or marking them."""
    where, params = _where(filters)
    return _execute(index, f"SELECT count(*) FROM clauses WHERE clauses MATCH ? {where}", (query.expression, *params))[0][0]


def _execute(index: SearchIndex, sql: str, params: tuple) -> list[tuple]:
    try:
        return index.db.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:
        if "fts5" in str(exc) or "syntax" in str(exc):
            raise QuerySyntax(str(exc)) from None
        raise


def _where(filters: Filters) -> tuple[str, list[str]]:
    clauses, params = [], []
    for column, values in (("org", filters.orgs), ("kind", filters.kinds), ("policy", filters.policies)):
        if values:
            clauses.append(f"AND {column} IN ({', '.join('?' * len(values))})")
            params += list(values)
    return " ".join(clauses), params


def _matches(original: str, marked: str) -> tuple[tuple[int, int], ...]:
    """The spans of ``original`` that highlight() marked in its folded copy."""
    folded = fold(original)
    spans, plain, start = [], 0, None
    for ch in marked:
        if ch == _OPEN:
            start = plain
        elif ch == _CLOSE and start is not None:
            spans.append(folded.original(start, plain))
            start = None
        else:
            plain += 1
    return tuple(spans)


def unmatched_words(index: SearchIndex, query: Query, filters: Filters = Filters()) -> list[str]:
    """The words of the query that match nothing on their own (none: only their combination fails)."""
    return [
        word for term in query.terms for word in term.words
        if not count(index, parse(word + ("*" if term.prefix else "")), filters)
    ]


def near_terms(index: SearchIndex, words: list[str], n: int = 3) -> list[str]:
    """The indexed words (as written, not stemmed) nearest to each of ``words``."""
    vocabulary = [t for (t,) in index.db.execute("SELECT term FROM words_vocab ORDER BY term")]
    out: list[str] = []
    for word in words:
        low = word.lower()
        for near in difflib.get_close_matches(low, vocabulary, n=n, cutoff=0.75):
            if near != low and near not in out:
                out.append(near)
    return out


def no_hit(index: SearchIndex, query: Query, filters: Filters = Filters()) -> str:
    """Why nothing matched, in one line: the words found nowhere and the indexed words nearest them."""
    scope = " and ".join(p for p in (
        f"organisation {', '.join(filters.orgs)}" if filters.orgs else "",
        f"policies of kind {', '.join(filters.kinds)}" if filters.kinds else "",
        f"policy {', '.join(filters.policies)}" if filters.policies else "") if p)
    message = f"no clause matches {query.text!r}" + (f" in {scope}" if scope else "")
    missing = unmatched_words(index, query, filters)
    if not missing:
        return message + "; each word is found on its own, so try fewer words"
    near = near_terms(index, missing)
    if near:
        return message + f" (did you mean: {', '.join(near)}?)"
    return message + f"; nothing like {', '.join(repr(w) for w in missing)} was found"


def marked(text: str, spans: tuple[tuple[int, int], ...], open_: str = "[", close: str = "]") -> str:
    """``text`` with each matched span between ``open_`` and ``close``."""
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], open_, text[start:end], close]
        last = end
    out.append(text[last:])
    return "".join(out)


def snippet(text: str, spans: tuple[tuple[int, int], ...], width: int = 200) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A window of about ``width`` characters of ``text`` (on one line), cut at words, "…" where cut,
    placed to show the most of the different words matched (the earliest such place); and the match
    spans within it."""
    flat = " ".join(text.split("\n"))
    if len(flat) <= width:
        return flat, spans

    def window(at: int) -> int:
        return max(0, min(at - width // 3, len(flat) - width))

    def words_shown(start: int) -> int:
        return len({flat[s:e].lower() for s, e in spans if s >= start and e <= start + width})

    start = max((window(s) for s, _ in spans), key=words_shown, default=0)
    if start:
        start = _word_start(flat, start)
    end = min(len(flat), start + width)
    if end < len(flat):
        end = _word_end(flat, end)
    lead, tail = ("… " if start else ""), (" …" if end < len(flat) else "")
    shift = len(lead) - start
    inside = tuple((max(s, start) + shift, min(e, end) + shift) for s, e in spans if e > start and s < end)
    return lead + flat[start:end] + tail, inside


def _word_start(text: str, i: int) -> int:
    """The start of the first word beginning at or after ``i``."""
    while 0 < i < len(text) and WORD.match(text, i - 1) and WORD.match(text, i):
        i += 1
    m = WORD.search(text, i)
    return m.start() if m else i


def _word_end(text: str, i: int) -> int:
    """``i``, moved back out of the word it falls in and the spaces before it."""
    while 0 < i < len(text) and WORD.match(text, i - 1) and WORD.match(text, i):
        i -= 1
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i
