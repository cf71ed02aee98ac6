"""British and American spellings folded to one form, so either finds the other.

SQLite's porter stemmer joins "comments" and "commenting" but not "organisation"
and "organization": it knows one spelling of English. The index therefore holds a
folded copy of every text (and every query is folded the same way) in which the
regular British/American pairs meet: -ise/-ize and -yse/-yze, -our/-or, -re/-er,
-ence/-ense, -ogue/-og, doubled l before a suffix, the medical ae/oe, programme,
judgement, ageing, enquiry. What readers see is the original text: the fold maps
each word to exactly one word, so a match in the folded copy points at the same
word in the original (``Folded.original``).

Folding both sides means an over-eager rule costs nothing: "advise" becomes
"advize" in the text and in the query alike.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

# A word as SQLite's unicode61 tokenizer sees one: letters and digits, everything else separates.
WORD = re.compile(r"[^\W_]+")

_OUR = "col|behavi|fav|hon|lab|neighb|hum|rum|harb|vig|endeav|flav|od|arm|cand|rig|splend|tum|val|vap|parl|savi|clam|ferv|ard"
_RE = "cent|theat|met|lit|fib|calib|spect|somb|meag|lust|sabr|mitr|reconnoit|ochr"
_LL = "travel|cancel|label|model|counsel|fuel|signal|level|channel|total|jewel|marshal|equal|dial|pedal|rival|tunnel|enrol|instal|fulfil|skil|wil"

_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(\w{2,}[^aeiou\W])is(e|es|ed|ing|er|ers|ation|ations|ational)$"), r"\1iz\2"),  # organise, organisation
    (re.compile(r"^(\w*l)ys(e|es|ed|ing|er|ers)$"), r"\1yz\2"),  # analyse, paralysed
    (re.compile(rf"^((?:dis|mis|un)?(?:{_OUR}))our(\w*)$"), r"\1or\2"),  # colour, behaviours, favourite
    (re.compile(rf"^({_RE})re(s?)$"), r"\1er\2"),  # centre, centres
    (re.compile(rf"^({_RE})red$"), r"\1ered"),  # centred
    (re.compile(r"^(licen|defen|offen|preten)c(e|es)$"), r"\1s\2"),  # licence, offences
    (re.compile(r"^(catalog|dialog|analog|prolog|epilog)ue(s?)$"), r"\1\2"),  # catalogue
    (re.compile(rf"^({_LL})l(ed|ing|er|ers|ment|ments|ful)$"), r"\1\2"),  # travelled, enrolment, skilful
    (re.compile(r"^(enrol|instal|fulfil|skil|wil)l(s?)$"), r"\1\2"),  # enroll, fulfills (US) meet enrol, fulfils
    (re.compile(r"^programme(s?)$"), r"program\1"),
    (re.compile(r"^(judg|acknowledg|abridg)e(ment|ments)$"), r"\1\2"),
    (re.compile(r"^ageing$"), "aging"),
    (re.compile(r"^enquir(\w*)$"), r"inquir\1"),
    (re.compile(r"^(\w*(?:paed|haem|anaes|anaem|gynaec|leukaem|aetiol|caes|orthopaed|encyclopaed|mediaev|aesthet)\w*)$"), None),
    (re.compile(r"^(\w*(?:oesoph|oestr|foet|diarrhoe|manoeuv|oedem|apnoe|dyspnoe)\w*)$"), None),
]


@lru_cache(maxsize=1 << 16)  # a library's words repeat: marking a query's hits folds the same words again and again
def fold_word(word: str) -> str:
    """One word's folded form, lower case; always one word again (or the word, lower case, unchanged)."""
    low = word.lower()
    for pattern, replacement in _RULES:
        if pattern.match(low):
            folded = pattern.sub(replacement, low) if replacement is not None else _vowel_pair(low)
            return folded if WORD.fullmatch(folded) else low
    return low if WORD.fullmatch(low) else word


def _vowel_pair(word: str) -> str:
    """paediatric → pediatric, oesophagus → esophagus (only called on words of those families)."""
    return word.replace("ae", "e").replace("oe", "e")


@dataclass(frozen=True)
class Folded:
    """A text with every word folded, and where each folded word came from in the original."""

    text: str
    _folded_starts: tuple[int, ...]
    _shifts: tuple[tuple[int, int, int, int], ...]  # (folded start, folded end, original start, original end)

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The original text's span for a span of the folded text (its words' edges map to its words' edges)."""
        return self._map(start, False), self._map(end, True)

    def _map(self, offset: int, is_end: bool) -> int:
        i = bisect_right(self._folded_starts, offset) - 1
        if is_end and i >= 0 and offset == self._folded_starts[i]:
            i -= 1  # an end at a word's start belongs to what precedes the word
        if i < 0:
            return offset
        fs, fe, os_, oe = self._shifts[i]
        if offset >= fe:
            return oe + (offset - fe)  # in the separators after that word, which the fold left alone
        if offset == fs:
            return os_
        return oe if is_end else os_  # inside a word: the whole word


def fold(text: str) -> Folded:
    parts: list[str] = []
    starts: list[int] = []
    shifts: list[tuple[int, int, int, int]] = []
    last = 0
    length = 0
    for m in WORD.finditer(text):
        gap = text[last:m.start()]
        parts.append(gap)
        length += len(gap)
        word = fold_word(m.group())
        starts.append(length)
        shifts.append((length, length + len(word), m.start(), m.end()))
        parts.append(word)
        length += len(word)
        last = m.end()
    parts.append(text[last:])
    return Folded("".join(parts), tuple(starts), tuple(shifts))
