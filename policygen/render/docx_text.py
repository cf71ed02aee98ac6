"""Paragraphs and Markdown for the DOCX renderer.

``Writer`` owns everything that is added to the body: it places pending
bookmarks on the next paragraph written (so a table, a definitions list or an
untitled section can still be the target of a cross-reference), honours a
pending page break, and turns clause Markdown (already parsed by
``policygen.resolve.text``, raw HTML escaped) into Word paragraphs, real
numbered and bulleted lists, runs and hyperlinks. Policy text only ever
becomes the text of runs: it is never interpreted as markup.
"""

from __future__ import annotations

from docx.shared import Pt, Twips

from policygen.render import docx_xml as X
from policygen.render.docx_tables import Cell, TableWriter
from policygen.render.docx_styles import (
    BODY_SIZE,
    CLAUSE,
    CLAUSE_CONTINUE,
    LIST_HANGING,
    LIST_STEP,
    NUMBER_INDENT,
    TABLE_TEXT,
    ListNumbering,
    ordered_formats,
)
from policygen.resolve import DocumentView
from policygen.resolve.text import Token, parse

MONO = "Courier New"
SAFE_SCHEMES = ("http://", "https://", "mailto:")


class Writer(TableWriter):
    """Writes the body of one document: paragraphs, headings, lists, Markdown and (from TableWriter) tables."""

    def __init__(self, document, doc: DocumentView) -> None:
        self.document = document
        self.doc = doc
        self.part = document.part
        self.lists = ListNumbering(document, ordered_formats(doc.list_kind))
        self.colours = doc.style.colours
        self._pending_bookmarks: list[str] = []
        self._style_ids: dict[str, str] = {}
        self._placed: set[str] = set()
        self._next_bookmark_id = 1
        self._pending_break = False
        self._after_table = False

    # -- paragraphs --------------------------------------------------------------

    def paragraph(self, text: str = "", style: str | None = None, sink=None, *, bold: bool = False,
                  italic: bool = False):
        sink = sink or self.document
        p = sink.add_paragraph()
        if style is not None:
            self.set_style(p, style)
        if text:
            p._p.append(X.run(text, bold=bold, italic=italic))
        self._place_pending(p, in_body=sink is self.document)
        return p

    def set_style(self, p, name: str) -> None:
        """Apply a paragraph style by name; the name → id lookup is done once per name.

        python-docx looks the name up on every call by scanning all styles, which
        was most of the time spent writing a DOCX.
        """
        if name not in self._style_ids:
            from docx.enum.style import WD_STYLE_TYPE

            style_id = self.document.styles[name].style_id
            default = self.document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
            # As python-docx does: the default style is written as no style at all.
            self._style_ids[name] = None if default is not None and style_id == default.style_id else style_id
        p._p.get_or_add_pPr().style = self._style_ids[name]

    def bookmark_next(self, anchor: str | None) -> None:
        """Put a bookmark for ``anchor`` on the next paragraph written."""
        if anchor and anchor not in self._placed:
            self._placed.add(anchor)
            self._pending_bookmarks.append(anchor)

    def last_paragraph(self):
        """The paragraph written last in the body."""
        from docx.text.paragraph import Paragraph

        body = self.document.element.body
        return Paragraph(body[len(body) - 2], self.document._body)

    def page_break_next(self) -> None:
        self._pending_break = True

    def _place_pending(self, p, in_body: bool) -> None:
        for anchor in self._pending_bookmarks:
            X.add_bookmark(p, X.bookmark_name(anchor), self._next_bookmark_id)
            self._next_bookmark_id += 1
        self._pending_bookmarks.clear()
        if in_body:
            if self._pending_break:
                X.page_break_before(p)
                self._pending_break = False
            if self._after_table:  # a table's bottom margin
                self._after_table = False
                if p.style.paragraph_format.space_before in (None, 0):
                    p.paragraph_format.space_before = Pt(BODY_SIZE)

    def heading(self, level: int, label: str | None, title: str, anchor: str | None = None):
        """A heading in Word's built-in "Heading n" style (n = HTML level − 1)."""
        self.bookmark_next(anchor)
        p = self.paragraph(style=f"Heading {max(1, min(level - 1, 4))}")
        p._p.append(X.run(heading_text(label, title)))
        return p

    def bullet_list(self, items: list[tuple[str, str | None]], sink=None) -> None:
        """A bulleted list of plain-text items, each optionally a link to a web address."""
        for text, url in items:
            p = self.paragraph(style="List Bullet", sink=sink)
            X.numbering(p, self.lists.bullet_num, 0)
            X.indent(p, LIST_STEP, LIST_HANGING)
            if url and url.lower().startswith(SAFE_SCHEMES):
                link = X.external_link(self.part, url)
                link.append(X.run(text, style="Hyperlink"))
                p._p.append(link)
            else:
                p._p.append(X.run(text))

    def list_item(self, num_id: int, level: int, ordered: bool, indent: int = 0, sink=None, in_table: bool = False):
        """The paragraph that starts a list item: Word's List Bullet / List Number style for its
        level (up to three), real numbering (``num_id`` from ``self.lists``), no space between items."""
        level = min(level, 2)
        style = TABLE_TEXT if in_table else ("List Number" if ordered else "List Bullet") + ("" if level == 0 else f" {level + 1}")
        p = self.paragraph(style=style, sink=sink)
        p.paragraph_format.space_after = Pt(0)
        X.numbering(p, num_id, level)
        X.indent(p, indent + LIST_STEP * (level + 1), LIST_HANGING)
        return p

    # -- Markdown --------------------------------------------------------------------

    def markdown(self, text: str, sink=None, *, label: str | None = None, style: str | None = None,
                 continue_style: str | None = None, indent: int = 0, in_table: bool = False) -> None:
        """Clause Markdown as paragraphs; ``label`` (a clause number) starts the first one."""
        sink = sink or self.document
        if in_table:
            style = continue_style = TABLE_TEXT
        elif label:
            style, continue_style, indent = CLAUSE, CLAUSE_CONTINUE, NUMBER_INDENT
        else:
            style = style or "Normal"
            continue_style = continue_style or style
        _Blocks(self, sink, parse(text, self.doc.refs), label, style, continue_style, indent, in_table).run()

    def inline_runs(self, p, tokens: list[Token]) -> None:
        """Inline tokens as runs of ``p``: bold, italic, code, links and cross-references."""
        bold = italic = 0
        target = p._p
        for tok in tokens:
            kind = tok.type
            if kind == "text":
                target.append(X.run(tok.content, bold=bool(bold), italic=bool(italic)))
            elif kind == "softbreak":
                target.append(X.run(" "))
            elif kind == "hardbreak":
                target.append(X.run("\n"))
            elif kind == "strong_open":
                bold += 1
            elif kind == "strong_close":
                bold -= 1
            elif kind == "em_open":
                italic += 1
            elif kind == "em_close":
                italic -= 1
            elif kind == "code_inline":
                target.append(X.run(tok.content, bold=bool(bold), italic=bool(italic), mono=MONO))
            elif kind == "xref":
                link = X.internal_link(X.bookmark_name(tok.meta["href"].lstrip("#")))
                link.append(X.run(tok.meta["text"], bold=bool(bold), italic=bool(italic), style="Hyperlink"))
                p._p.append(link)
            elif kind == "link_open":
                href = str(tok.attrs.get("href", ""))
                if href.lower().startswith(SAFE_SCHEMES):
                    target = X.external_link(self.part, href)
                    p._p.append(target)
            elif kind == "link_close":
                target = p._p
            elif tok.content:  # anything else (e.g. an escaped HTML fragment) stays literal text
                target.append(X.run(tok.content, bold=bool(bold), italic=bool(italic)))
        # Runs inside a hyperlink take the Hyperlink character style.
        for link in p._p.findall(X.qn("w:hyperlink")):
            for r in link.findall(X.qn("w:r")):
                rPr = X.run_properties(r)
                if rPr.find(X.qn("w:rStyle")) is None:
                    X.set_child(rPr, X.el("w:rStyle", val="Hyperlink"), X.RPR_ORDER)

def heading_text(label: str | None, title: str) -> str:
    """The text of a heading or contents entry: "5.1<tab>Title", "Appendix A – Title" or "Title"."""
    if not label:
        return title
    if _generated(label):
        return f"{label}\t{title}"
    return f"{label} \u2013 {title}"


def _generated(label: str) -> bool:
    """A generated number ("5.1", "a)", "(iv)", "A.") is one word and hangs before the title;
    a typed label ("Appendix A") is words, and a dash joins it to the title."""
    return not any(ch.isspace() for ch in label)


class _Blocks:
    """Block tokens of one Markdown text → paragraphs, lists and tables."""

    def __init__(self, writer: Writer, sink, tokens: list[Token], label: str | None, style: str,
                 continue_style: str, indent: int, in_table: bool) -> None:
        self.w = writer
        self.sink = sink
        self.tokens = tokens
        self.label = label
        self.style = style
        self.continue_style = continue_style
        self.indent = indent
        self.in_table = in_table
        self.first = True
        self.lists: list[tuple[bool, int]] = []  # (ordered, numId) per open list
        self.quotes = 0  # block quotes open around the next paragraph
        self.item_start = False
        self.last = None  # the paragraph written last

    def run(self) -> None:
        tokens = self.tokens
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            kind = tok.type
            if kind in ("paragraph_open", "heading_open"):
                inline = tokens[i + 1]
                self.text_paragraph(inline.children or [], bold=kind == "heading_open")
                i += 3
                continue
            if kind == "bullet_list_open":
                self.lists.append((False, self.w.lists.bullet_num))
            elif kind == "ordered_list_open":
                start = int(tok.attrs.get("start", 1) or 1)
                self.lists.append((True, self.w.lists.ordered(start)))
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
                if not self.lists and self.last is not None:
                    # No space between the items of a list, a line after it (as the CSS margins).
                    self.last.paragraph_format.space_after = None if not self.in_table else Pt(BODY_SIZE)
            elif kind == "list_item_open":
                self.item_start = True
            elif kind == "blockquote_open":
                self.quotes += 1
            elif kind == "blockquote_close":
                self.quotes -= 1
            elif kind in ("code_block", "fence"):
                p = self._new_paragraph()
                p._p.append(X.run(tok.content.rstrip("\n"), mono=MONO))
            elif kind == "table_open":
                end = _matching_close(tokens, i, "table_open", "table_close")
                self.markdown_table(tokens[i:end + 1])
                i = end + 1
                continue
            elif kind == "inline":  # stray inline (should not happen outside a paragraph)
                self.text_paragraph(tok.children or [])
            i += 1
        if self.first and self.label:  # a clause whose text is empty still shows its number
            self._new_paragraph()

    def _new_paragraph(self):
        if self.lists:
            ordered, num_id = self.lists[-1]
            level = min(len(self.lists) - 1, 2)
            base = 0 if self.in_table else self.indent
            if self.item_start:
                p = self.w.list_item(num_id, level, ordered, base, self.sink, self.in_table)
                self.item_start = False
            else:
                style = TABLE_TEXT if self.in_table else "List Continue" + ("" if level == 0 else f" {level + 1}")
                p = self.w.paragraph(style=style, sink=self.sink)
                p.paragraph_format.space_after = Pt(0)
                X.indent(p, base + LIST_STEP * (level + 1))
            self.last = p
            self.first = False
            return p
        style = self.style if self.first else self.continue_style
        p = self.w.paragraph(style=style, sink=self.sink)
        self.last = p
        if self.first and self.label:
            p._p.append(X.run(self.label + "\t", bold=True))
        elif self.quotes:
            # A block quote is inset a browser's 40 px on both sides, as in the HTML and PDF.
            p.paragraph_format.left_indent = Twips(self.indent + LIST_STEP * self.quotes)
            p.paragraph_format.right_indent = Twips(LIST_STEP * self.quotes)
        elif self.indent and style not in (CLAUSE, CLAUSE_CONTINUE):
            p.paragraph_format.left_indent = Twips(self.indent)
        self.first = False
        return p

    def text_paragraph(self, children: list[Token], bold: bool = False) -> None:
        p = self._new_paragraph()
        self.w.inline_runs(p, children)
        if bold:
            _bold_all_runs(p)

    def markdown_table(self, tokens: list[Token]) -> None:
        header: list[str] = []
        rows: list[list[Cell]] = []
        current: list[Cell] | None = None
        in_head = False
        for i, tok in enumerate(tokens):
            if tok.type == "thead_open":
                in_head = True
            elif tok.type == "thead_close":
                in_head = False
            elif tok.type == "tr_open":
                current = []
            elif tok.type == "tr_close" and current is not None:
                if not in_head:
                    rows.append(current)
                current = None
            elif tok.type == "inline" and current is not None:
                if in_head:
                    header.append(tok.content)
                else:
                    current.append(Cell(tok.content, markdown=True))
        if self.first and self.label:
            self._new_paragraph()
        self.w.table(rows, header=header or None, sink=self.sink if self.sink is not self.w.document else None)
        self.first = False


def _bold_all_runs(p) -> None:
    for r in p._p.iter(X.qn("w:r")):
        rPr = X.run_properties(r)
        X.set_child(rPr, X.el("w:b"), X.RPR_ORDER)


def _matching_close(tokens: list[Token], start: int, open_type: str, close_type: str) -> int:
    depth = 0
    for j in range(start, len(tokens)):
        if tokens[j].type == open_type:
            depth += 1
        elif tokens[j].type == close_type:
            depth -= 1
            if depth == 0:
                return j
    return len(tokens) - 1


__all__ = ["Writer", "heading_text"]
