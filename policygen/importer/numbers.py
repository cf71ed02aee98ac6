"""Numbers the author typed ("4.2", "1.0", "a)", "(iii)", "A.") or Word generated, as one kind of mark.

policygen generates numbers, so an imported heading or clause must lose its typed number, and
the policy must say how to number it again (its ``levels:``). A ``Mark`` is both: the style of
the number (a ``LevelStyle`` as the model writes it) and where it sits, so the structure
recogniser nests by it and records the style for each level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policygen.importer.blocks import AutoNumber

_ROMAN = re.compile(r"^(?=[ivxlc]+$)c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_DECIMAL = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)(\.?)(?:\t+|\s+)(?=\S)")
_LETTERED = re.compile(r"^(\(?)([a-zA-Z]{1,4})([.)])(?:\t+|\s+)(?=\S)")
_EMPHASISED_NUMBER = re.compile(r"^(\*\*|\*)([0-9.()a-zA-Z]{1,12})\1(?=[\t ])")
_COUNTING_KIND = {"decimal": "arabic", "lower-alpha": "lower-alpha", "upper-alpha": "upper-alpha",
                  "lower-roman": "lower-roman", "upper-roman": "upper-roman"}


@dataclass(frozen=True)
class Mark:
    """A number's style and place.

    ``depth`` is set for nested numbers (the count of parts: "4.2.1" is 3; "3.0" is 1) and
    None for standalone ones ("a)", "(i)"), which nest under whatever came before them.
    ``style`` is the level style's keys as the YAML writes them (kind, nested, prefix, suffix…),
    ``ordinal`` the count the number gives (4.2 → 2, c) → 3; 0 for Word's, which has no gaps),
    for checking that nothing was skipped.
    """

    style: tuple[tuple[str, object], ...]
    depth: int | None
    ordinal: int
    typed: str = ""  # the number as it appeared, for the report


def _style(**keys) -> tuple[tuple[str, object], ...]:
    return tuple((k, v) for k, v in keys.items() if v not in ("", None))


def letters_value(text: str) -> int:
    n = 0
    for c in text.lower():
        n = n * 26 + ord(c) - ord("a") + 1
    return n


def roman_value(text: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    total = 0
    for a, b in zip(text.lower(), text.lower()[1:] + " "):
        total += -values[a] if values.get(b, 0) > values[a] else values[a]
    return total


def typed(text: str, heading: bool, previous_letter: str | None = None) -> tuple[Mark, str] | None:
    """The typed number at the start of ``text`` and the text without it, or None.

    A body paragraph's bare "1 " is not taken for a number (it is too often "1 April 2024"):
    a paragraph needs "1.", "1.1" or a tab after the number; a heading does not.
    ``previous_letter`` is the last standalone letter seen, to tell (i) after (h) from roman i.
    """
    bold = _EMPHASISED_NUMBER.match(text)
    if bold:  # "**4.2**\tText": a number in bold is still a number
        text = bold[2] + text[bold.end():]
    m = _DECIMAL.match(text)
    if m and (heading or m[2] or "." in m[1] or "\t" in text[: m.end()]):
        parts = m[1].split(".")
        rest = text[m.end():]
        if len(parts) == 2 and parts[1] == "0":  # "3.0": the top level, written with .0
            return Mark(_style(kind=None, suffix=".0", cited_with_suffix=True), 1, int(parts[0]), m[0].strip()), rest
        return Mark(_style(suffix="." if m[2] else ""), len(parts), int(parts[-1]), m[0].strip()), rest
    m = _LETTERED.match(text)
    if not m or (m[1] and m[3] != ")"):
        return None
    open_, word, close = m[1], m[2], m[3]
    if word.lower() != word and word.upper() != word:
        return None
    lower = word.islower()
    follows_letter = previous_letter is not None and letters_value(previous_letter) + 1 == letters_value(word)
    roman = bool(_ROMAN.match(word.lower())) and (len(word) > 1 or (word.lower() in "ivx" and not follows_letter))
    if not roman and len(word) > 1:
        return None
    if close == "." and not heading and lower and not roman:
        return None  # "e. g." and the like: a lower-case letter and full stop is rarely a clause number
    kind = ("lower-" if lower else "upper-") + ("roman" if roman else "alpha")
    ordinal = roman_value(word) if roman else letters_value(word)
    return Mark(_style(kind=kind, nested=False, prefix=open_, suffix=close), None, ordinal, m[0].strip()), text[m.end():]


def alone(text: str, previous_letter: str | None = None) -> Mark | None:
    """The number of a paragraph that is nothing but a number ("**4.2**"), its words in the next
    paragraph: how HTML laid out in a grid, and some converters, give a numbered clause."""
    found = typed(f"{text.strip()}\tx", heading=False, previous_letter=previous_letter)
    return found[0] if found is not None and found[1] == "x" else None


def automatic(auto: AutoNumber) -> Mark | None:
    """Word's generated number as a mark; None for a bullet or no number (a list, not a clause)."""
    if auto.counting in ("bullet", "none"):
        return None
    placeholders = re.findall(r"%(\d)", auto.pattern)
    kind = _COUNTING_KIND[auto.counting]
    if len(placeholders) >= 2:  # "%1.%2": a nested outline number
        suffix = re.sub(r".*%\d", "", auto.pattern)
        return Mark(_style(suffix=suffix), len(placeholders), 0, auto.pattern)
    prefix, _, suffix = auto.pattern.partition(f"%{placeholders[0]}") if placeholders else ("", "", "")
    if kind == "arabic" and not prefix:
        return Mark(_style(suffix=suffix), auto.level + 1, 0, auto.pattern)
    return Mark(_style(kind=kind, nested=False, prefix=prefix, suffix=suffix), None, 0, auto.pattern)


def level_style(mark: Mark | None) -> dict:
    """The mark's level style as YAML keys (empty for plain nested arabic); ``kind: none`` for no mark."""
    if mark is None:
        return {"kind": "none"}
    return {k: v for k, v in mark.style if v is not None}
