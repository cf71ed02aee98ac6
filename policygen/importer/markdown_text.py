"""Source words as policy text: Markdown that prints them as they were, and nothing more.

A reader's words are data. A ``*`` or ``[`` in a paragraph must print as itself, not start
emphasis or a link (each reader escapes its inline text with ``readers/inline.py``), and words
that happen to look like a policygen reference (``{ref:scope}``) or a Markdown line start must
stay words: those are escaped here, once, for every reader.
"""

from __future__ import annotations

import re

from policygen.model.refs import REF_RE

_LINE_START = re.compile(r"^(\s*)([#>+-]|\d+[.)])(?=\s|$)")


# A reference, with the backslash a reader may already have put before its brace: Markdown's
# escape does not stop policygen's reference parser, so ``\{ref:x}`` must become ``&#123;`` too,
# and keeping the backslash would print the character reference itself.
_REFERENCE = re.compile(r"\\?" + REF_RE.pattern)


def literal_references(text: str) -> str:
    """Words that would read as a reference (``{ref:x}``) kept as words: the brace becomes the
    character reference ``&#123;``, which Markdown prints as ``{`` and no reference pattern matches."""
    return _REFERENCE.sub(lambda m: "&#123;" + m[0][m[0].index("{") + 1:], text)


def escape_line_start(text: str) -> str:
    """A paragraph that starts like a heading, quote, list item or numbered item, kept a paragraph."""
    return _LINE_START.sub(lambda m: m[1] + m[2][:-1] + "\\" + m[2][-1], text, count=1)
