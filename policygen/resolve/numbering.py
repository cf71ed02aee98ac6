"""Numbers by level style: the organisation's shorthand schemes and per-level styles.

A number has three forms: the stem its nested children extend ("4.2"), the form text cites
("4.2", "3.0", "4.2(a)") and the label printed before the heading or clause ("4.2", "5.", "a)").
"""

from __future__ import annotations

from dataclasses import dataclass

from policygen.model.organisation import LevelStyle, NumberKind, Numbering, Style

_PLAIN = LevelStyle()
SHORTHANDS: dict[Numbering, tuple[LevelStyle, ...]] = {
    Numbering.none: (),
    Numbering.plain: (_PLAIN, _PLAIN, _PLAIN),
    Numbering.dotted: (LevelStyle(suffix="."), _PLAIN, _PLAIN),
    Numbering.zero: (LevelStyle(suffix=".0", cited_with_suffix=True), _PLAIN, _PLAIN),
}

_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


@dataclass(frozen=True)
class Number:
    stem: str
    cite: str
    label: str


def house_levels(style: Style) -> tuple[LevelStyle, ...]:
    """The house style's levels: the per-level list when given, else the shorthand's."""
    return tuple(style.levels) if style.levels is not None else SHORTHANDS[style.numbering]


def counter(kind: NumberKind, n: int) -> str:
    """n (from 1) in the level's kind: 27 in lower-alpha is 'aa', as Word and browsers count."""
    if kind is NumberKind.arabic:
        return str(n)
    if kind in (NumberKind.lower_alpha, NumberKind.upper_alpha):
        letters = ""
        while n:
            n, rest = divmod(n - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if kind is NumberKind.upper_alpha else letters
    if kind in (NumberKind.lower_roman, NumberKind.upper_roman):
        numeral = ""
        for value, digits in _ROMAN:
            count, n = divmod(n, value)
            numeral += digits * count
        return numeral.upper() if kind is NumberKind.upper_roman else numeral
    return ""


def number(level: LevelStyle, n: int, parent: Number | None) -> Number | None:
    """The n-th number at a level under ``parent`` (None when the parent has no number)."""
    if level.kind is NumberKind.none:
        return None
    own = counter(level.kind, n)
    if parent is None:
        stem = own
    elif level.nested:
        stem = parent.stem + level.separator + own
    else:
        stem = f"{parent.stem}({own})"
    cite = stem + level.suffix if level.cited_with_suffix else stem
    label = level.prefix + (stem if level.nested else own) + level.suffix
    return Number(stem, cite, label)
