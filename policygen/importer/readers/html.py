"""Reading an HTML page: a policy saved from an intranet, a website or Word's "Save as web page".

lxml.html (libxml2's HTML parser, already installed with python-docx) rather than the standard
library's html.parser: it builds the tree a browser would from broken markup (unclosed ``<p>``
and ``<li>``), gives every element its source line for the report, never loads a DTD or touches
the network, and knows HTML's entities without expanding any the file declares. The tree is
walked with ``iterwalk`` (no recursion, so deep nesting cannot overflow the stack), and libxml2
stops at 256 levels, which is reported rather than silently cutting the page short.

Scripts, styles, frames, objects and forms are dropped unrun (said in a Notice or a Skipped);
pictures are reported with their alt text and never fetched; a link keeps its target only when
it is the web or email. A ``<nav>`` or a list of in-page links is kept, styled ``Contents``, so
the recogniser can drop the contents it will regenerate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import lxml.etree as etree
import lxml.html

from policygen.importer.blocks import Block, Cell, Counting, Heading, Notice, Paragraph, Row, Skipped, Source, Table, Unreadable, Where
from policygen.importer.readers import inline
from policygen.importer.readers.lists import CONTENTS, auto_number, list_start
from policygen.importer.readers.textfile import declared_charset, decode


# Never content, never run: dropped with their whole subtree.
_SILENT = {"script", "style", "template", "noembed", "link", "meta", "base", "title", "head"}
# Dropped too, but each said where it was: the user may expect to find something there.
_REPORTED = {
    "iframe": "an embedded page (iframe): not imported, nothing fetched",
    "frame": "a frame: not imported, nothing fetched",
    "object": "an embedded object: not imported",
    "embed": "an embedded object: not imported",
    "applet": "an applet: not imported",
    "form": "a form: not imported (its fields are not policy text)",
    "video": "a video: not imported",
    "audio": "an audio clip: not imported",
    "canvas": "a drawing (canvas): not imported",
    "svg": "a drawing (svg): not imported",
    "math": "a formula (MathML): not imported",
}
_BLOCKS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "dt", "dd", "caption", "figcaption", "address",
    "summary", "legend", "html", "body", "div", "section", "article", "main", "header", "footer",
    "aside", "nav", "blockquote", "figure", "center", "details", "fieldset", "hgroup", "search",
    "dl", "ul", "ol", "li", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "noscript", "hr",
}
_STYLES = {"dt": "Definition Term", "dd": "Definition", "caption": "Caption", "figcaption": "Caption"}
_WORD_CLASSES = (
    ("MsoTitle", "Title"), ("MsoToc", CONTENTS), ("MsoListParagraph", "List Paragraph"),
    ("MsoQuote", "Quote"), ("MsoIntenseQuote", "Quote"), ("MsoCaption", "Caption"),
)
_OL_TYPES: dict[str, Counting] = {"1": "decimal", "a": "lower-alpha", "A": "upper-alpha", "i": "lower-roman", "I": "upper-roman"}
_EMPHASIS = {"b": "**", "strong": "**", "i": "*", "em": "*"}
_CODE = {"code", "kbd", "samp", "tt"}
# A number typed in its own element before the text it numbers (<span class="num">1.1</span><div>…):
# carried into that text, as the reader of the page sees it.
_SEGMENT = r"(?:\d{1,3}|[A-Za-z]|[ivxIVX]{1,5})"
_NUMBER = re.compile(rf"(?=\S*[\d.)\]])[(\[]?{_SEGMENT}(?:[.)\]]{_SEGMENT})*[.)\]]?\Z")


def read(path: Path, data: bytes) -> Source:
    name = path.name
    text, notices = decode(name, data, "HTML", declared_charset(data))
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True)
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError):
        raise Unreadable(Where(name), "has no text") from None
    for error in parser.error_log:
        if error.level == etree.ErrorLevels.FATAL:
            raise Unreadable(Where(name, line=error.line), f"cannot be read ({error.message.strip()}); nothing imported")
    reader = _Reader(name)
    reader.walk(root)
    if not any(not isinstance(b, Skipped) for b in reader.blocks):
        raise Unreadable(Where(name), "has no text")
    title = inline.spaces(root.findtext(".//title") or "") or None
    return Source(file=name, blocks=tuple(reader.blocks), title=title, notices=notices + _dropped(name, root) + tuple(reader.notices))


def _dropped(name: str, root) -> tuple[Notice, ...]:
    scripts, styles = len(root.xpath("//script")), len(root.xpath("//style"))
    if not scripts + styles:
        return ()
    said = " and ".join(f"{n} {what}{'s' if n > 1 else ''}" for n, what in ((scripts, "script"), (styles, "style sheet")) if n)
    return (Notice(f"{said} left out, never run", Where(name)),)


@dataclass
class _List:
    counting: Counting
    contents: bool
    items: int = 0
    start: int = 1


@dataclass
class _Table:
    where: Where
    rows: list[Row] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)
    cell: list[str] | None = None  # the open cell's paragraphs
    colspan: int = 1
    rowspan: int = 1
    header_section: bool = False
    header_cells: int = 0
    # A cell spanning rows below its own (rowspan): its first column → (rows it still covers, its
    # colspan, a header cell?). Those rows get an empty cell there, as a vertically merged Word cell
    # reads, so every later cell stays in its own column; the text is kept once, in the first row.
    spans: dict[int, tuple[int, int, bool]] = field(default_factory=dict)

    def fill(self) -> None:
        """Empty cells for the columns a cell above still covers, up to the next free column."""
        while (column := sum(c.colspan for c in self.cells)) in self.spans:
            left, colspan, header = self.spans.pop(column)
            self.cells.append(Cell((), colspan=colspan))
            self.header_cells += header
            if left > 1:
                self.spans[column] = (left - 1, colspan, header)


@dataclass
class _Run:
    """The inline text gathered for the next paragraph: nested pieces for emphasis and links."""

    pieces: list[list[str]] = field(default_factory=lambda: [[]])
    line: int | None = None
    plain: bool = False  # has words outside an in-page link (otherwise it is navigation)


@dataclass
class _Reader:
    file: str
    blocks: list[Block] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    contexts: list[tuple[str, str | None]] = field(default_factory=list)  # the open block elements: tag, style
    lists: list[_List] = field(default_factory=list)
    items: list[bool] = field(default_factory=list)  # per open <li>: still waiting for its first paragraph
    tables: list[_Table] = field(default_factory=list)
    run: _Run = field(default_factory=_Run)
    carry: str = ""  # a typed number in its own element, for the next paragraph
    quotes: int = 0
    headings: int = 0
    nav: int = 0
    in_page_links: int = 0

    def walk(self, root) -> None:
        walker = etree.iterwalk(root, events=("start", "end"))
        for event, el in walker:
            tag = el.tag if isinstance(el.tag, str) else ""
            if event == "start":
                if self.start(el, tag):
                    walker.skip_subtree()
                else:
                    self.add_text(el.text, el)
            else:
                self.end(el, tag)
                self.add_text(el.tail, el)

    # -- elements opening and closing --------------------------------------------------------

    def start(self, el, tag: str) -> bool:
        """Open ``el``; True when its subtree is not to be walked."""
        if tag in _SILENT or not tag:
            return True
        if tag in _REPORTED:
            self.blocks.append(Skipped(_REPORTED[tag], self.where(el)))
            return True
        if tag == "img":
            alt = inline.spaces(el.get("alt") or "")
            self.blocks.append(Skipped(f"picture{f' ({alt})' if alt else ''}: not imported, its file not read", self.where(el)))
            return True
        if tag == "br":
            self.piece("\\\n")
            return True
        if tag in _CODE:
            self.piece(inline.code(el.text_content()), el)
            return True
        if tag == "pre":
            self.flush(keep_number=False)
            self.emit(inline.code(el.text_content().strip("\n")), self.where(el), style="Code")
            return True
        if tag in _EMPHASIS or tag == "a":
            if tag == "a" and (el.get("href") or "").startswith("#"):
                self.in_page_links += 1
            self.run.pieces.append([])
            return False
        if tag not in _BLOCKS:
            return False  # an inline element such as <span>: its words only
        self.flush(keep_number=True)
        self.contexts.append((tag, _STYLES.get(tag) or _word_style(el)))
        if tag in ("ul", "ol"):
            self.open_list(el, tag)
        elif tag == "li":
            if self.lists:
                self.lists[-1].items += 1
            self.items.append(True)
        elif tag == "blockquote":
            self.quotes += 1
        elif tag == "nav":
            self.nav += 1
        elif tag == "table":
            self.tables.append(_Table(self.where(el)))
        elif tag == "thead" and self.tables:
            self.tables[-1].header_section = True
        elif tag in ("td", "th") and self.tables:
            table = self.tables[-1]
            table.fill()
            table.cell, table.colspan, table.rowspan = [], _span(el, "colspan"), _span(el, "rowspan")
            table.header_cells += tag == "th"
        self.run.line = el.sourceline
        return False

    def end(self, el, tag: str) -> None:
        if tag in _EMPHASIS or tag == "a":
            inner = "".join(self.run.pieces.pop())
            if tag == "a":
                href = el.get("href") or ""
                self.in_page_links -= href.startswith("#")
                self.run.pieces[-1].append(inline.link(inner, href))  # its words already counted
            else:
                # inside another of the same kind the marker would only close it early
                same = sum(1 for parent in el.iterancestors() if _EMPHASIS.get(parent.tag) == _EMPHASIS[tag])
                self.piece(inner if same else inline.wrap(_EMPHASIS[tag], inner))
            return
        if tag not in _BLOCKS or not self.contexts or self.contexts[-1][0] != tag:
            return
        self.flush(keep_number=False, heading=tag if tag in ("h1", "h2", "h3", "h4", "h5", "h6") else None, el=el)
        self.contexts.pop()
        if tag in ("ul", "ol"):
            self.lists.pop()
        elif tag == "li":
            self.items.pop()
        elif tag == "blockquote":
            self.quotes -= 1
        elif tag == "nav":
            self.nav -= 1
        elif tag in ("td", "th") and self.tables and self.tables[-1].cell is not None:
            table = self.tables[-1]
            if table.rowspan > 1:
                table.spans[sum(c.colspan for c in table.cells)] = (table.rowspan - 1, table.colspan, tag == "th")
            table.cells.append(Cell(tuple(table.cell), colspan=table.colspan))
            table.cell = None
        elif tag == "tr" and self.tables:
            table = self.tables[-1]
            table.fill()
            if table.cells:
                header = table.header_section or table.header_cells == len(table.cells)
                table.rows.append(Row(tuple(table.cells), header=header))
            table.cells, table.header_cells = [], 0
        elif tag == "thead" and self.tables:
            self.tables[-1].header_section = False
        elif tag == "table" and self.tables:
            self.close_table(self.tables.pop())

    def open_list(self, el, tag: str) -> None:
        counting: Counting = _OL_TYPES.get(el.get("type") or "1", "decimal") if tag == "ol" else "bullet"
        inherited = bool(self.lists) and self.lists[-1].contents
        start = list_start(el.get("start")) if tag == "ol" else 1
        self.lists.append(_List(counting, contents=inherited or _is_contents(el), start=start))

    def close_table(self, table: _Table) -> None:
        if self.tables and self.tables[-1].cell is not None:
            # a table inside a cell: each of its rows becomes one paragraph of the outer cell
            for row in table.rows:
                self.tables[-1].cell.append(" | ".join(" ".join(c.paragraphs) for c in row.cells))
        elif table.rows:
            self.blocks.append(Table(tuple(table.rows), table.where))

    # -- inline text -------------------------------------------------------------------------

    def add_text(self, text: str | None, el) -> None:
        if text:
            self.piece(inline.escape(re.sub(r"\s+", " ", text)), el)

    def piece(self, text: str, el=None) -> None:
        if text.strip():
            if self.run.line is None and el is not None:
                self.run.line = el.sourceline
            if not self.in_page_links:
                self.run.plain = True
        self.run.pieces[-1].append(text)

    def flush(self, keep_number: bool, heading: str | None = None, el=None) -> None:
        """End the paragraph gathered so far: a heading, a list item, a cell's paragraph or body text.

        ``keep_number``: a block element starts here, so a run that is only a typed number is
        carried into the paragraph that follows rather than standing alone.
        """
        run, self.run = self.run, _Run()
        while len(run.pieces) > 1:  # an element left open at a block boundary: keep its words
            inner = run.pieces.pop()
            run.pieces[-1].extend(inner)
        text = _tidy("".join(run.pieces[0]))
        if not text:
            return
        if keep_number and _NUMBER.match(text) and run.plain:
            self.carry = f"{self.carry} {text}".strip()
            return
        if self.carry:
            text, self.carry = f"{self.carry} {text}", ""
        where = Where(self.file, line=run.line if run.line is not None else (el.sourceline if el is not None else None))
        if self.contexts and self.contexts[-1][1] == "Title":  # Word's Title style, saved as a web page
            heading, el = "h1", None
        if heading and not self.nav and not (self.tables and self.tables[-1].cell is not None):
            # the page's first heading as an h1, or an h1 classed as a title: a title candidate
            title = heading == "h1" and (not self.headings or el is None or _has_title_class(el))
            self.headings += 1
            text = text.replace("\\\n", " ")  # a title is one line
            self.blocks.append(Heading(level=int(heading[1]), text=text, where=where, title_style=bool(title)))
            return
        self.emit(text, where, style=None if run.plain or heading else CONTENTS)

    def emit(self, text: str, where: Where, style: str | None = None) -> None:
        auto = None
        if self.items and self.items[-1]:
            self.items[-1] = False
            if self.lists:
                auto = auto_number(len(self.lists) - 1, self.lists[-1].counting, self.lists[-1].start)
        elif self.items:
            style = style or "List Continue"
        if self.tables and self.tables[-1].cell is not None:
            self.tables[-1].cell.append(_in_cell(text, auto, self.lists[-1].items if self.lists else 0))
            return
        if self.nav or (self.lists and self.lists[-1].contents):
            style = CONTENTS
        elif self.quotes:
            style = "Quote"
        else:
            style = style or next((named for _, named in reversed(self.contexts) if named), None)
        last = self.blocks[-1] if self.blocks else None
        if style == "Caption" and isinstance(last, Heading) and last.text.casefold() == text.casefold():
            return  # a table's caption repeating the heading just above it (for screen readers): no new words
        self.blocks.append(Paragraph(text=text, where=where, auto=auto, style=style))

    def where(self, el) -> Where:
        return Where(self.file, line=el.sourceline)


def _tidy(text: str) -> str:
    text = re.sub(r" *\\\n *", "\\\n", re.sub(r" {2,}", " ", text))
    return text.strip().removesuffix("\\").strip()


def _in_cell(text: str, auto, number: int) -> str:
    """A list item inside a table cell, written as a Markdown list item."""
    if auto is None:
        return text
    return f"- {text}" if auto.counting == "bullet" else f"{auto.start + number - 1}. {text}"


def _span(el, attribute: str) -> int:
    """A cell's colspan or rowspan: 1 unless it is a whole number, at most 1000."""
    try:
        return min(max(int(el.get(attribute) or 1), 1), 1000)
    except ValueError:
        return 1


def _word_style(el) -> str | None:
    """The Word style a "Save as web page" file names in its class (``MsoTitle``,
    ``MsoListParagraphCxSpFirst``, ``MsoToc2``…), as the Word reader would see it."""
    for name in (el.get("class") or "").split():
        for prefix, style in _WORD_CLASSES:
            if name.startswith(prefix):
                return style
    return None


def _has_title_class(el) -> bool:
    return el is not None and any("title" in c for c in (el.get("class") or "").lower().split())


def _is_contents(el) -> bool:
    """A list every item of which holds an in-page link: a contents list or page menu."""
    items = el.xpath(".//li")
    return bool(items) and all(li.xpath("boolean(.//a[starts-with(@href, '#')])") for li in items)
