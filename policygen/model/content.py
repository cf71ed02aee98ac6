"""The body of a policy: sections holding clauses, tables, definitions and subsections.

A block is told apart by its keys, so YAML stays plain: a block with ``text``
is a clause, one with ``rows`` a table, one with ``terms`` a definitions list,
one with ``figure`` a picture, one with ``include`` a placeholder for a generated part (the EIA, the version
sheet), and one with ``blocks`` or ``title`` a (sub)section.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, PositiveFloat, field_validator, model_validator

from policygen.model.base import Markdown, Note, Slug, Strict, Topics, keyed_union
from policygen.model.organisation import Levels, Picture

SectionKind = Literal[
    "introduction", "purpose", "scope", "definitions", "responsibilities", "policy",
    "training", "monitoring", "review", "equality", "references", "associated-documents",
    "appendix", "other",
]


class Implements(Strict):
    """A clause of a standard that a policy clause puts into effect, for the standards mapping."""

    standard: Slug = Field(description="The id of the standard among the policy's references.")
    clause: str = Field(min_length=1, pattern=r"^\S(.*\S)?$", description="The standard's clause as it numbers it, e.g. '7.5.3'.")


class Clause(Strict):
    """One numbered paragraph (or, where the style numbers no clauses, one paragraph)."""

    id: Slug
    text: Markdown
    topics: Topics
    numbered: bool | None = Field(
        default=None,
        description="Override the style: false for an unnumbered paragraph in a numbered run, true to number it under an unnumbered section.",
    )
    identifier: str | None = Field(
        default=None,
        min_length=1,
        pattern=r"^\S(.*\S)?$",
        description="The statement's own identifier as the source labels it (REQ-12, ISO 8.4.2); replaces one the policy's `identifiers` pattern would generate.",
    )
    implements: list[Implements] = Field(
        default_factory=list,
        description="Clauses of standards this clause puts into effect, listed in the generated standards mapping: [{standard: iso-13485, clause: '7.5.3'}].",
    )
    note: Note


class RowGroup(Strict):
    """Rows under a heading that spans the table (e.g. 'Clinical staff', 'Corporate staff')."""

    heading: str
    rows: list[list[Markdown]] = Field(min_length=1)


class Table(Strict):
    """A table inside a section.

    A cell is Markdown: inline text, or several paragraphs or a list (a blank line between
    paragraphs). A cell ``[x]`` or ``[ ]`` (optionally followed by text) is a check box.
    """

    id: Slug
    caption: str | None = None
    header: list[str] | list[list[str]] = Field(
        default_factory=list, description="Column headings: one row of them, or a list of rows for several header rows."
    )
    row_headers: bool = Field(default=False, description="First cell of each row labels the row (a header column).")
    rows: list[list[Markdown]] = Field(default_factory=list, description="Rows before any group.")
    groups: list[RowGroup] = Field(default_factory=list, description="Rows in groups, each under a heading across the table.")
    widths: list[PositiveFloat] | None = Field(
        default=None, description="Relative column widths, one per column, e.g. [1, 3, 1]; omit for automatic widths."
    )
    topics: Topics
    note: Note

    @field_validator("header", mode="before")
    @classmethod
    def _one_shape(cls, value):
        """One message for a header that is neither shape, not one per shape it fails."""
        rows = value if isinstance(value, list) else None
        if rows is not None and (all(isinstance(h, str) for h in rows) or all(
                isinstance(r, list) and all(isinstance(h, str) for h in r) for r in rows)):
            return value
        raise ValueError("give one row of headings, [Role, Duties], or a list of rows, [[Role, Duties], [Who, What]]")

    @model_validator(mode="after")
    def _shape(self) -> "Table":
        if not self.rows and not self.groups:
            raise ValueError("a table needs rows or groups")
        columns = max(len(r) for r in self.header_rows + self.all_rows)
        if self.widths is not None and len(self.widths) != columns:
            raise ValueError(f"widths: {len(self.widths)} widths for {columns} columns")
        return self

    @property
    def header_rows(self) -> list[list[str]]:
        """The header as rows: one plain list of headings is one row."""
        if self.header and isinstance(self.header[0], str):
            return [self.header]
        return list(self.header)

    @property
    def all_rows(self) -> list[list[str]]:
        """Every body row in order, ungrouped rows first."""
        return self.rows + [r for g in self.groups for r in g.rows]


class Definition(Strict):
    term: str
    definition: Markdown


class Definitions(Strict):
    """A definitions list (term: meaning)."""

    id: Slug
    terms: list[Definition]
    topics: Topics
    note: Note


class FigurePicture(Picture):
    caption: str | None = Field(default=None, description="Shown under the picture.")


class Figure(Strict):
    """A picture placed among the clauses, from a file inside the organisation's folder."""

    id: Slug
    figure: FigurePicture
    topics: Topics
    note: Note


class Include(Strict):
    """Place a generated part here, e.g. the EIA inside a numbered appendix section."""

    id: Slug
    include: Literal["eia", "version_history", "associated_documents", "references", "standards_mapping"]
    note: Note


class Section(Strict):
    """A numbered heading and what it holds; sections nest up to three levels."""

    id: Slug
    title: str | None = Field(default=None, description="Omit for an untitled numbered block (e.g. EPUT 5.1).")
    kind: SectionKind | None = Field(default=None, description="What the section is, for comparisons.")
    numbered: bool = Field(
        default=True, description="false: a heading without a number; its subsections are numbered afresh from 1, with no parent number."
    )
    levels: Levels = Field(
        default=None, description="The numbering of the blocks inside this section, level by level (e.g. its clauses lettered)."
    )
    text: Markdown | None = Field(default=None, description="Lead text shown under the heading.")
    blocks: list["Block"] = Field(default_factory=list)
    topics: Topics
    note: Note


BLOCK_TAGS = ("clause", "table", "definitions", "figure", "include", "section")

Block = keyed_union(
    [("include", "include"), ("figure", "figure"), ("terms", "definitions"), ("rows", "table"), ("groups", "table"), ("blocks", "section"), ("title", "section"), ("text", "clause")],
    {"clause": Clause, "table": Table, "definitions": Definitions, "figure": Figure, "include": Include, "section": Section},
    default="clause",
)

Section.model_rebuild()


class Appendix(Strict):
    id: Slug
    label: str | None = Field(default=None, description="e.g. 'Appendix 1'; leave it out for an appendix the source gives no letter or number.")
    title: str
    blocks: list[Block] = Field(default_factory=list)
    missing: str | None = Field(
        default=None, description="Shown instead of content when the source lists the appendix but lacks it."
    )
    topics: Topics
    note: Note
