"""Word-level differences inside a reworded clause."""

from __future__ import annotations

import difflib
import re

_TOKENS = re.compile(r"\s+|[^\s]+")
_SPACED_WORDS = re.compile(r"\s+|\S+\s*")


def word_diff(old: str, new: str, phrases: bool = False) -> list[tuple[str, str]]:
    """(op, text) runs with op in equal / delete / insert, whitespace kept, words whole.
    With ``phrases`` each word carries the space after it, so a reworded run reads as one
    change ("[-share confidential information-]{+post anything+}"), not word by word."""
    tokens = _SPACED_WORDS if phrases else _TOKENS
    a, b = tokens.findall(old), tokens.findall(new)
    runs: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            runs.append(("equal", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            runs.append(("delete", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            runs.append(("insert", "".join(b[j1:j2])))
    return [r for r in runs if r[1]]
