"""A table block laid out for the renderers: header rows, row groups, cells and widths.

Resolve decides what each cell is (a row header, a check box, inline text or blocks
of Markdown) and turns relative column widths into fractions, so every renderer lays
out the same table and none re-reads the YAML's shorthand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policygen.model.content import Table
from policygen.resolve.text import RefContext, parse

CHECK_RE = re.compile(r"^\[([ xX])\](?:\s+|$)")
CHECK_MARKS = {True: ("☑", "checked"), False: ("☐", "not checked")}


@dataclass
class TableCell:
    text: str  # Markdown source, without a check box's "[x]"
    header: bool = False  # labels its row
    blocks: bool = False  # several paragraphs or a list: laid out as blocks, not inline text
    check: bool | None = None  # a check box: ticked or not; None for none

    @property
    def mark(self) -> str | None:
        """The check box symbol: ☑ or ☐."""
        return None if self.check is None else CHECK_MARKS[self.check][0]

    @property
    def marked_text(self) -> str:
        """The Markdown with the check box symbol in front (on a line of its own before blocks),
        for formats that carry no separate text alternative."""
        if self.mark is None:
            return self.text
        if not self.text:
            return self.mark
        return f"{self.mark}{chr(10) * 2 if self.blocks else ' '}{self.text}"

    @property
    def mark_label(self) -> str | None:
        """The words a screen reader says for the symbol."""
        return None if self.check is None else CHECK_MARKS[self.check][1]


@dataclass
class RowGroup:
    heading: str | None  # None for the rows before any group
    rows: list[list[TableCell]] = field(default_factory=list)


@dataclass
class TableLayout:
    caption: str | None
    header_rows: list[list[str]]
    groups: list[RowGroup]  # the ungrouped rows first, as a group without a heading
    columns: int
    widths: list[float] | None  # fractions of the table's width, summing to 1

    @property
    def rows(self) -> list[list[TableCell]]:
        return [r for g in self.groups for r in g.rows]


def layout(table: Table) -> TableLayout:
    groups = [RowGroup(None, [_row(r, table.row_headers) for r in table.rows])] if table.rows else []
    groups += [RowGroup(g.heading, [_row(r, table.row_headers) for r in g.rows]) for g in table.groups]
    columns = max(len(r) for r in table.header_rows + table.all_rows)
    widths = [w / sum(table.widths) for w in table.widths] if table.widths else None
    return TableLayout(table.caption, table.header_rows, groups, columns, widths)


def _row(cells: list[str], row_headers: bool) -> list[TableCell]:
    return [_cell(text, row_headers and i == 0) for i, text in enumerate(cells)]


def _cell(text: str, header: bool) -> TableCell:
    check = CHECK_RE.match(text)
    if check:
        text = text[check.end():]
    return TableCell(text, header, _has_blocks(text), None if check is None else check[1] != " ")


def _has_blocks(text: str) -> bool:
    """True when the Markdown is more than one paragraph (a second paragraph, a list…)."""
    kinds = [t.type for t in parse(text, RefContext()) if t.level == 0]
    return kinds not in ([], ["paragraph_open", "paragraph_close"])


def body_rows(table: Table) -> list[list[str]]:
    """The body in reading order, each group's heading a row of its own (cells still Markdown),
    for comparisons and diffs; the header rows are ``table.header_rows``."""
    return table.rows + [row for g in table.groups for row in [[g.heading], *g.rows]]
