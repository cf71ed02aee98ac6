"""What a user types, made into an FTS5 query that cannot be malformed.

Words are ANDed; "a phrase in quotes" matches those words in that order; a word
ending in * matches words starting with it (safeguard* finds safeguarding).
Everything else is data: each word and phrase goes to FTS5 as a quoted string
(its own quotes doubled), so AND, OR, NOT, NEAR(, column filters like org:x,
- and ^ are words or separators, never FTS5 syntax. Each term is folded
(``spelling.fold``) as the indexed text was, so British and American spellings meet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policygen.search.spelling import WORD, fold

_TERM = re.compile(r'"([^"]*)(?:"|$)|([^\s"]+)')


class BadQuery(ValueError):
    """A query with nothing to search for in it."""


@dataclass(frozen=True)
class Term:
    text: str  # as the user typed it (without quotes or *)
    phrase: bool
    prefix: bool

    @property
    def expression(self) -> str:
        """The term as an FTS5 string: folded, quoted, a trailing * outside the quotes for a prefix."""
        quoted = '"' + fold(self.text).text.replace('"', '""') + '"'
        return quoted + ("*" if self.prefix else "")

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
    return Query(text, tuple(terms))
