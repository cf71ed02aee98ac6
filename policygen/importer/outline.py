"""What the recogniser builds before it is YAML: a tree of sections, clauses and tables, each
with where it came from and what the recogniser was unsure of about it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from policygen.importer.blocks import Table, Where
from policygen.importer.numbers import Mark


@dataclass(frozen=True)
class Check:
    """One uncertainty: a line of the report, and a ``# import: check`` comment on its block."""

    where: Where
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class IncludeHistory:
    """Where a version history table stood in the body: the generated version sheet goes there."""

    where: Where


@dataclass
class Node:
    kind: Literal["section", "clause", "table", "include", "definitions"]
    where: Where
    id: str = ""  # given in document order once the tree is complete (ids.assign_ids)
    title: str | None = None  # a section's heading, number removed
    text: str = ""  # a clause's Markdown, or a section's lead text
    mark: Mark | None = None
    children: list["Node"] = field(default_factory=list)
    table: Table | None = None
    terms: list[tuple[str, str]] = field(default_factory=list)  # a definitions block's (term, definition)
    include: str = "version_history"  # the generated part an include block places
    checks: list[Check] = field(default_factory=list)
    in_list: bool = False  # the text ends in a Markdown list that a next item continues
    list_base: int = 0  # the nesting level of that list's first item: its items indent from it

    def promote(self) -> None:
        """A clause that turns out to hold clauses (3.1 before 3.1.1) becomes an untitled section
        whose lead text is its own: the model's way to number a paragraph with children."""
        if self.kind == "clause":
            self.kind = "section"

    def walk(self, depth: int = 0):
        yield self, depth
        for child in self.children:
            yield from child.walk(depth + 1)
