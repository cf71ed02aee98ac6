"""Cross-references typed as numbers ("see section 4.2", "paragraph 3.1.2") → ``{num:id}``.

A typed reference goes stale the day a section is inserted; a ``{num:}`` reference follows
the block it names. The number is looked up among the numbers the source itself typed
(so the reference means what its author meant) and replaced only when exactly one block
had it; anything else stays as text, with a check. ``{num:}`` prints the number alone, so
the sentence reads as before.
"""

from __future__ import annotations

import re

from policygen.importer.markdown_text import literal_references
from policygen.importer.outline import Check, Node

_NUMBER = r"\d{1,2}(?:\.\d{1,2}){0,3}(?![\d.]*\d)"
# "section 4.2", "sections 3.0 – 5.0", "paragraphs 2.1, 2.3 and 2.4"
_CITED = re.compile(rf"\b(?:[Ss]ections?|[Pp]aragraphs?|[Cc]lauses?|[Pp]ara\.?)\s+{_NUMBER}(?:\s*(?:,|and|or|to|–|-)\s*{_NUMBER})*")


def link(nodes: list[Node]) -> int:
    """Escape source words that would read as references, then link typed references; how many."""
    numbers: dict[str, list[Node]] = {}
    for top in nodes:
        for node, _ in top.walk():
            if node.mark is not None and node.mark.depth is not None and node.mark.typed:
                for form in _forms(node.mark.typed):
                    numbers.setdefault(form, []).append(node)
    linked = 0
    for top in nodes:
        for node, _ in top.walk():
            node.text = literal_references(node.text)
            node.terms = [(term, literal_references(definition)) for term, definition in node.terms]
            if node.kind in ("clause", "section", "definitions"):
                node.text, n = _link_text(node, node.text, numbers)
                linked += n
    return linked


def _forms(typed: str) -> set[str]:
    """'3.0' is cited as 3 or 3.0; '4.' as 4."""
    bare = typed.rstrip(".")
    forms = {bare}
    if bare.endswith(".0"):
        forms.add(bare[:-2])
    return forms


def _link_text(node: Node, text: str, numbers: dict[str, list[Node]]) -> tuple[str, int]:
    count = 0

    def each(cited: re.Match) -> str:
        def replace(m: re.Match) -> str:
            nonlocal count
            targets = numbers.get(m[0], [])
            if len(targets) != 1 or targets[0] is node:
                which = "no" if not targets else "more than one" if len(targets) > 1 else "its own"
                node.checks.append(Check(node.where, f"'{cited[0]}': {m[0]} names {which} numbered block: left as typed"))
                return m[0]
            count += 1
            return f"{{num:{targets[0].id}}}"

        return re.sub(_NUMBER, replace, cited[0])

    return _CITED.sub(each, text), count
