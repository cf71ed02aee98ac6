"""How a list item's automatic number and a contents list are described, the same for every text format."""

from __future__ import annotations

import re

from policygen.importer.blocks import AutoNumber, Counting

# The style of page navigation (a contents list of in-page links, a <nav>, a "skip to content"
# link): kept as blocks, since a reader never drops words, but marked so the recogniser drops
# the contents it will generate.
CONTENTS = "Contents"


def auto_number(level: int, counting: Counting, start: int = 1) -> AutoNumber:
    """A list item's number as Word would describe it: ``%n.`` at nesting level n-1, or a bullet."""
    return AutoNumber(level, counting, "•" if counting == "bullet" else f"%{level + 1}.", start)


def list_start(value: object) -> int:
    """A list's start number as the format gives it (``<ol start="4">``, Markdown's ``4.``); 1
    when it gives none or none a list can have."""
    return int(value) if re.fullmatch(r"\d{1,9}", str(value or "").strip()) else 1
