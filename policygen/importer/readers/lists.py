"""How a list item's automatic number and a contents list are described, the same for every text format."""

from __future__ import annotations

from policygen.importer.blocks import AutoNumber, Counting, Notice, Where

# The style of page navigation (a contents list of in-page links, a <nav>, a "skip to content"
# link): kept as blocks, since a reader never drops words, but marked so the recogniser drops
# the contents it will generate.
CONTENTS = "Contents"


def auto_number(level: int, counting: Counting) -> AutoNumber:
    """A list item's number as Word would describe it: ``%n.`` at nesting level n-1, or a bullet."""
    return AutoNumber(level, counting, "•" if counting == "bullet" else f"%{level + 1}.")


def start_notice(start: str, where: Where) -> Notice:
    """Said when a numbered list does not start at 1: the blocks carry no start number."""
    return Notice(f"a numbered list starts at {start}; its items are read as a list numbered from its context", where)
