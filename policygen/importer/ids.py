"""Ids for imported blocks: slugs of their headings or first words, unique within the policy.

Made only from the text and its order, so importing the same document twice gives the same ids.
"""

from __future__ import annotations

import re
import unicodedata

from policygen.importer.outline import Node

_WORDS = re.compile(r"[a-z0-9]+")
_STOP = {"a", "an", "the", "of", "and", "to", "in", "for", "on", "or", "by", "with", "is", "are", "be", "will", "this", "that"}


def slug(text: str, words: int = 6, fallback: str = "block") -> str:
    """'4.2 Use of Social Media!' → 'use-social-media' (up to ``words`` words, small words dropped)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    ascii_text = re.sub(r"\]\([^)]*\)", " ", ascii_text)  # a link's target is not its words
    found = _WORDS.findall(ascii_text)
    kept = [w for w in found if w not in _STOP] or found
    return "-".join(kept[:words]) or fallback


class Ids:
    """Hands out unique ids: the second 'scope' is 'scope-2'."""

    def __init__(self, taken: set[str] | None = None) -> None:
        self.taken = set(taken or ())

    def new(self, base: str) -> str:
        candidate, n = base, 1
        while candidate in self.taken:
            n += 1
            candidate = f"{base}-{n}"
        self.taken.add(candidate)
        return candidate


def assign_ids(nodes: list[Node]) -> None:
    """Give every block its id, in document order: sections by their title, clauses by their
    first words, tables by their first cell."""
    ids = Ids()
    for top in nodes:
        for node, _ in top.walk():
            node.id = ids.new(_base(node))


def _base(node: Node) -> str:
    if node.kind == "include":
        return node.include.replace("_", "-")
    if node.kind == "definitions":
        return "definitions-list"
    if node.kind == "table":
        # named by its caption ("Table 1: Retention periods" → table-retention-periods), else its first cell
        caption = re.sub(r"^table\s+\d+\s*[:.–-]\s*", "", node.table.caption or "", flags=re.I)
        first = caption or next((c.paragraphs[0] for r in node.table.rows for c in r.cells if c.paragraphs), "table")
        return f"table-{slug(first, 4, 'table')}"
    if node.kind == "section":
        return slug(node.title or node.text, 6, "section")
    return slug(node.text, 5, "clause")
