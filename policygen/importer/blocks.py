"""What every reader hands the recogniser: a document as a flat run of blocks in reading order.

A reader keeps the source's words exactly (inline emphasis and links as Markdown) and records
what the format itself says about structure: a heading's level, a list item's nesting and its
automatic number format. It never guesses at policy structure (typed numbers stay in the text,
a table stays a table): that is the recogniser's job, so one recogniser serves every format.
Each block says where it came from, so the import report can send the user to the right place.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal, Union

# The counting of an automatic (format-generated) number: Word's w:numFmt, HTML's <ol type>.
Counting = Literal["decimal", "lower-alpha", "upper-alpha", "lower-roman", "upper-roman", "bullet", "none"]


@dataclass(frozen=True)
class Where:
    """A place in the source file: a line (Markdown, HTML) or a body paragraph (DOCX), 1-based."""

    file: str
    line: int | None = None
    paragraph: int | None = None

    def __str__(self) -> str:
        if self.line is not None:
            return f"{self.file}:{self.line}"
        if self.paragraph is not None:
            return f"{self.file}: paragraph {self.paragraph}"
        return self.file

    def shown_as(self, file: str) -> "Where":
        """The same place in the file named as the user typed it: the report's form. A reader names
        the file by its name alone, the form the YAML's comments keep, so they outlive a move."""
        return replace(self, file=file)


@dataclass(frozen=True)
class AutoNumber:
    """A number the format generates rather than the author typing it.

    ``level`` is 0-based nesting; ``pattern`` is the format's number text with ``%1``, ``%2``…
    standing for each level's count (Word's w:lvlText, e.g. ``%1.%2`` or ``(%3)``; ``%1.`` for
    an HTML ``<ol>``); ``counting`` is how this level counts, from ``start``.
    """

    level: int
    counting: Counting
    pattern: str = "%1."
    start: int = 1  # the count of the list's first item: Word's w:start, HTML's <ol start>, Markdown's first number


@dataclass(frozen=True)
class Heading:
    """A heading: Word's Heading n / Title style or outline level, HTML <h1>–<h6>, Markdown #."""

    level: int  # 1 = the document's top heading level as the format marks it (Title/h1 → 1)
    text: str  # inline Markdown, any typed number still in it
    where: Where
    auto: AutoNumber | None = None
    title_style: bool = False  # Word's Title style, HTML <title>/<h1 class=title>: a title candidate


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of body text, or one item of a list when ``auto`` is set."""

    text: str  # inline Markdown, any typed number still in it
    where: Where
    auto: AutoNumber | None = None  # a list item: its nesting and counting (bullet for •)
    style: str | None = None  # the format's own style name, when it says something (Word: "List Paragraph", "Quote")
    check: str | None = None  # why the import is unsure of it: a `# import: check` on the block it joins


@dataclass(frozen=True)
class Cell:
    """A table cell: its paragraphs as inline Markdown (list items as ``- item``)."""

    paragraphs: tuple[str, ...]
    colspan: int = 1


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    header: bool = False  # the format marks it a header row (Word's tblHeader, HTML <th>/<thead>)


@dataclass(frozen=True)
class Table:
    rows: tuple[Row, ...]
    where: Where
    caption: str | None = None  # plain text; the recogniser gives it from a caption paragraph beside the table


@dataclass(frozen=True)
class Skipped:
    """Something the reader saw but cannot carry (a picture, an embedded object, a text box):
    kept as a marker so the report can say what and where, never dropped silently."""

    what: str
    where: Where


Block = Union[Heading, Paragraph, Table, Skipped]


@dataclass(frozen=True)
class Notice:
    """A reader's warning about the file as a whole (macros present and ignored, external links not followed)."""

    message: str
    where: Where


@dataclass(frozen=True)
class Source:
    """A whole document as read: its blocks in reading order, its metadata title, the reader's notices."""

    file: str
    blocks: tuple[Block, ...]
    title: str | None = None  # the format's own metadata title (DOCX core properties, HTML <title>)
    notices: tuple[Notice, ...] = field(default_factory=tuple)


class Unreadable(ValueError):
    """The file cannot be read as what it claims to be (corrupt, encrypted, empty, wrong type):
    the command prints it as its one line (``where`` as the user named the file) and writes nothing."""

    def __init__(self, where: Where, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where, self.message = where, message
