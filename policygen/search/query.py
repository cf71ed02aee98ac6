"""What a user types, made into an FTS5 query that cannot be malformed.

Words are ANDed; "a phrase in quotes" matches those words in that order; a word
ending in * matches words starting with it (safeguard* finds safeguarding).
Everything else is data: each word and phrase goes to FTS5 as a quoted string
(its own quotes doubled), so AND, OR, NOT, NEAR(, column filters like org:x,
- and ^ are words or separators, never FTS5 syntax. Each term is folded
(``spelling.fold``) as the indexed text was, so British and American spellings meet.

A word outside quotes also searches for its related words (``related``): "photographs"
becomes ("photographs" OR "photo" OR "image" OR …), each quoted like the word. The
query keeps each word's literal form too (``literal``), which ranking uses to put a
clause saying what was typed above one saying it in other words. A phrase in quotes
and a prefix are searched for as typed. Function words (of, the, who…) outside quotes
are dropped unless nothing else is left.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policygen.search.related import FUNCTION_WORDS, related
from policygen.search.spelling import WORD, fold

_TERM = re.compile(r'"([^"]*)(?:"|$)|([^\s"]+)')


class BadQuery(ValueError):
    """A query with nothing to search for in it."""


@dataclass(frozen=True)
class Term:
    text: str  # as the user typed it (without quotes or *)
    phrase: bool
    prefix: bool
    related: tuple[str, ...] = ()  # other words searched for too (none for a phrase or a prefix)

    @property
    def literal(self) -> str:
        """The term as typed, as an FTS5 string: folded, quoted, a trailing * outside the quotes for a prefix."""
        return _quoted(self.text) + ("*" if self.prefix else "")

    @property
    def expression(self) -> str:
        """The term or any of its related words, as an FTS5 OR-group of quoted strings."""
        if not self.related:
            return self.literal
        return "(" + " OR ".join(_quoted(w) for w in (self.text, *self.related)) + ")"

    @property
    def words(self) -> list[str]:
        return WORD.findall(self.text)


@dataclass(frozen=True)
class Query:
    text: str
    terms: tuple[Term, ...]

    @property
    def expression(self) -> str:
        return " AND ".join(t.expression for t in self.terms)

    @property
    def also_searched(self) -> dict[str, tuple[str, ...]]:
        """Each word typed that was searched for in other words too → those words."""
        return {t.text: t.related for t in self.terms if t.related}


def _quoted(text: str) -> str:
    return '"' + fold(text).text.replace('"', '""') + '"'


def parse(text: str) -> Query:
    terms: list[Term] = []
    for m in _TERM.finditer(text):
        phrase = m.group(1) is not None
        raw = m.group(1) if phrase else m.group(2)
        prefix = not phrase and raw.endswith("*")
        raw = raw.rstrip("*") if prefix else raw
        words = WORD.findall(raw)
        if not words:
            continue  # punctuation only ("-", "*", "("): nothing to match
        # A word with inner punctuation ("e-mail", "org:x") is the phrase of its words, as the index tokenized them.
        terms.append(Term(" ".join(words), phrase or len(words) > 1, prefix))
    if not terms:
        raise BadQuery(f"nothing to search for in {text!r}: give at least one word")
    meaningful = [t for t in terms if t.phrase or t.prefix or t.text.lower() not in FUNCTION_WORDS]
    return Query(text, tuple(_expanded(t) for t in meaningful or terms))


def _expanded(term: Term) -> Term:
    """A single word with its related words; a phrase or a prefix as it is."""
    if term.phrase or term.prefix:
        return term
    return Term(term.text, False, False, related(term.text))
