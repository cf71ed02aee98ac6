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

from io import BytesIO

from docx.image.image import Image
from docx.shared import Emu, Inches, Mm, Pt, Twips

from policygen.render.docx import xml as X
from policygen.render.docx.blocks import MarkdownBlocks
from policygen.render.docx.numbering import ListNumbering, ordered_formats
from policygen.render.docx.styles import (
    BODY_SIZE,
    CLAUSE,
    CLAUSE_CONTINUE,
    LIST_HANGING,
    LIST_STEP,
    MONO,
    NUMBER_INDENT,
    TABLE_TEXT,
    text_width,
)
from policygen.render.docx.tables import TableWriter
from policygen.resolve import DocumentView
from policygen.resolve.text import Token, parse
from policygen.resolve.view import PictureView

SAFE_SCHEMES = ("http://", "https://", "mailto:")
LOGO_HEIGHT = Mm(18)  # as the HTML's img.logo
RUNNING_LOGO_HEIGHT = Mm(6)  # as the PDF's img.rh-logo


def add_picture(run, picture: PictureView, *, height=None, shape_id: int | None = None, max_width: int | None = None) -> None:
    """The picture (its PNG or JPEG: Word shows no SVG) in ``run``, its alt text as the
    drawing's description (wp:docPr descr), which screen readers announce.

    At ``height``, or at the size the PDF gives it (96 pixels to the inch, as CSS), shrunk to
    ``max_width`` (the text width, twips) if wider. ``shape_id`` keeps a header's drawing id apart from the body's."""
    data = picture.bitmap.data
    width = None if height is not None else Emu(min(Image.from_blob(data).px_width * Inches(1) // 96, Twips(max_width)))
    inline = run.add_picture(BytesIO(data), width=width, height=height)._inline
    inline.docPr.set("descr", picture.alt)
    if shape_id is not None:
        inline.docPr.set("id", str(shape_id))


class Writer(TableWriter):
    """Writes the body of one document: paragraphs, headings, lists, Markdown and (from TableWriter) tables."""

    def __init__(self, document, doc: DocumentView) -> None:
        self.document = document
        self.doc = doc
        self.part = document.part
        self.lists = ListNumbering(document, ordered_formats(doc.list_kind))
        self.colours = doc.style.colours
        self.text_width = text_width(document)
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

    def picture(self, picture: PictureView, *, height=None) -> None:
        """A picture in a paragraph of its own, its caption (if any) under it."""
        p = self.paragraph()
        add_picture(p.add_run(), picture, height=height, max_width=self.text_width)
        if picture.caption:
            X.keep_with_next(p)
            self.paragraph(picture.caption, "Caption")

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

    def bullet_list(self, items: list[str], sink=None) -> None:
        """A bulleted list of plain-text items."""
        for text in items:
            p = self.paragraph(style="List Bullet", sink=sink)
            X.numbering(p, self.lists.bullet_num, 0)
            X.indent(p, LIST_STEP, LIST_HANGING)
            p._p.append(X.run(text))

    def linked_run(self, p, text: str, url: str | None, anchor: str | None = None, *, bold: bool = False) -> None:
        """``text`` as a run of ``p``: a hyperlink to ``url`` where it is a web address, else to
        ``anchor``'s bookmark in this document, else plain."""
        if url and url.lower().startswith(SAFE_SCHEMES):
            link = X.external_link(self.part, url)
        elif anchor:
            link = X.internal_link(X.bookmark_name(anchor))
        else:
            p._p.append(X.run(text, bold=bold))
            return
        link.append(X.run(text, bold=bold, style="Hyperlink"))
        p._p.append(link)

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

    def markdown(self, text: str, sink=None, *, label: str | None = None, identifier: str | None = None,
                 style: str | None = None, continue_style: str | None = None, indent: int = 0,
                 in_table: bool = False) -> None:
        """Clause Markdown as paragraphs; ``label`` (a clause number) starts the first one, or
        the line of its statement ``identifier`` above the text, as the HTML prints it."""
        sink = sink or self.document
        if in_table:
            style = continue_style = TABLE_TEXT
        elif label:
            style, continue_style, indent = CLAUSE, CLAUSE_CONTINUE, NUMBER_INDENT
        else:
            style = style or "Normal"
            continue_style = continue_style or style
        blocks = MarkdownBlocks(self, sink, parse(text, self.doc.refs), label, style, continue_style, indent, in_table)
        if identifier:
            blocks.first_line(identifier)
        blocks.run()

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
                # Another policy's block: its .docx beside this one, at the bookmark its own
                # renderer gives the block; else the bookmark in this document.
                bookmark, document = X.bookmark_name(tok.meta["anchor"]), tok.meta["document"]
                link = X.internal_link(bookmark)
                if document:
                    link = X.external_link(self.part, f"{document}.docx")
                    link.set(X.qn("w:anchor"), bookmark)
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


__all__ = ["Writer", "heading_text"]
