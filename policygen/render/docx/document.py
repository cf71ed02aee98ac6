"""DOCX: a Word-native policy that opens clean, with its contents page already filled in.

Built with python-docx from the same view model as the HTML and PDF: the
parts appear in the order of ``style.blocks``; headings use Word's built-in
Heading styles, lists real numbering, tables Table Grid with repeating header
rows; the contents is a real TOC field whose cached result is already the
entries (hyperlinks to bookmarks at the headings, PAGEREF page numbers taken
from the PDF layout of the same document), so no "update fields" prompt
appears and Word's "Update table" still works. The modules:

- ``styles``: the house style as Word styles;
- ``numbering``: bulleted and ordered lists as Word numbering;
- ``text``: paragraphs, bookmarks, headings, lists, Markdown;
- ``tables``: tables and their column widths;
- ``parts``: each block and body node, the contents, the EIA;
- ``package``: document properties and a reproducible zip;
- ``xml``: WordprocessingML python-docx has no API for.
"""

from __future__ import annotations

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Twips

from policygen.render import RenderContext, pdf
from policygen.render.docx import xml as X
from policygen.render.docx.package import package_bytes, set_properties
from policygen.render.docx.parts import CONTENTS_RANGE, Parts
from policygen.render.docx.styles import (
    MARGIN_BOTTOM,
    MARGIN_SIDE,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    TEXT_WIDTH,
    apply_house_style,
    text_width,
)
from policygen.render.docx.template import adopt_house_styles, open_template
from policygen.render.docx.text import RUNNING_LOGO_HEIGHT, Writer, add_picture
from policygen.resolve import DocumentView


# The DOCX reads the PDF's layout (``layout_from="pdf"`` in policygen.render.FORMATS): Word
# lays out on display, but a contents page must already show page numbers when it opens.


def page_numbers(doc: DocumentView, ctx: RenderContext) -> dict[str, int]:
    """Anchor → page, from the PDF layout; empty (no page numbers in the contents) without WeasyPrint."""
    try:
        return pdf.page_numbers(doc, ctx)
    except ImportError:
        return {}


def page_count(doc: DocumentView, ctx: RenderContext, pages: dict[str, int]) -> int:
    """Pages in the PDF layout, for NUMPAGES's stored value; Word recomputes it on display."""
    try:
        return len(pdf.layout(doc, ctx).pages)
    except ImportError:
        return max(pages.values(), default=1)


def render_docx(doc: DocumentView, ctx: RenderContext) -> bytes:
    document = new_document(doc)
    pages = page_numbers(doc, ctx)
    writer = Writer(document, doc)
    parts = Parts(writer, doc, pages)
    for block in doc.blocks:
        parts.block(block)
    _mark_contents_range(document, parts.range_start, parts.range_end)
    header_footer(document, doc, page_count(doc, ctx, pages))
    set_properties(document, doc)
    return package_bytes(document, doc)


def new_document(doc: DocumentView):
    """The empty document a DOCX is written into (the redline DOCX's too): policygen's own page in
    the house style, or the organisation's Word template with the house style's defaults only for
    the styles it lacks, laid out for its page."""
    if not doc.word_template:
        return _house_document(doc, TEXT_WIDTH)
    document = open_template(doc.word_template)
    if document.sections[0].page_width is None:  # a template that sets no page: policygen's
        page_setup(document)
    adopt_house_styles(document, _house_document(doc, text_width(document)))
    return document


def _house_document(doc: DocumentView, width: int):
    document = Document()
    page_setup(document)
    apply_house_style(document, doc.style, doc.numbered, width)
    return document


def page_setup(document) -> None:
    """A4 with the PDF's margins (the redline DOCX uses it too)."""
    section = document.sections[0]
    section.page_width, section.page_height = Twips(PAGE_WIDTH), Twips(PAGE_HEIGHT)
    section.left_margin = section.right_margin = Twips(MARGIN_SIDE)
    section.top_margin, section.bottom_margin = Twips(MARGIN_TOP), Twips(MARGIN_BOTTOM)
    section.header_distance, section.footer_distance = Twips(454), Twips(454)  # 8 mm


def _mark_contents_range(document, start, end) -> None:
    """Bookmark the sections and appendices: the TOC field's \\b switch lists headings only from there,
    so "Update table" gives the same entries as the filled-in contents (not the front matter's headings)."""
    body = document.element.body
    if start is None or end is None:  # nothing listed: an empty range just before the section properties
        start = end = body[len(body) - 1]
        start.addprevious(X.el("w:bookmarkStart", id="0", name=CONTENTS_RANGE))
        start.addprevious(X.el("w:bookmarkEnd", id="0"))
        return
    start.addprevious(X.el("w:bookmarkStart", id="0", name=CONTENTS_RANGE))
    end.addnext(X.el("w:bookmarkEnd", id="0"))


def running_facts(doc: DocumentView) -> list[str]:
    """What the running header says: title, reference, version and next review date."""
    facts = [doc.title]
    if doc.reference:
        facts.append(doc.reference)
    if doc.version:
        facts.append(f"Version {doc.version}")
    if doc.next_review:
        facts.append(f"Next review: {doc.next_review}")
    return facts


def header_footer(document, doc: DocumentView, total_pages: int, facts: list[str] | None = None) -> None:
    """Running header and footer as the PDF has them: ``facts`` (by default ``running_facts``)
    above; the controlled-document statement, the footer line and "Page x of y" below.

    On an organisation's Word template that has a header (or footer) of its own, that one is
    kept, in every variant it defines (first page, even pages), and these lines are added
    under its content in its Header (Footer) style, without the logo and rules the template's
    own design replaces; "Page x of y" only where the template numbers no pages itself."""
    section = document.sections[0]
    facts = facts if facts is not None else running_facts(doc)
    statements = [text for text in (doc.printed_statement, doc.style.footer) if text]
    headers, footers = _template_parts(document, section, "header"), _template_parts(document, section, "footer")
    # policygen's own where the template has none for most pages (its default one)
    own_header, own_footer = section.header.is_linked_to_previous, section.footer.is_linked_to_previous
    for header in headers:
        header.add_paragraph(style=document.styles["Header"])._p.append(X.run(" \u00b7 ".join(facts)))
    if own_header:
        _own_header(document, section, doc, facts)
    numbered = any(_numbers_pages(part) for part in headers + footers)
    for footer in footers:
        if not numbered:
            _page_x_of_y(footer.add_paragraph(style=document.styles["Footer"]), total_pages)
        for text in statements:
            footer.add_paragraph(style=document.styles["Footer"])._p.append(X.run(text))
    if own_footer:
        _own_footer(document, section, doc, total_pages, statements)


def _template_parts(document, section, kind: str) -> list:
    """The headers (or footers) the template defines for ``section``: default, first page, even pages."""
    variants = [getattr(section, kind)]
    if section.different_first_page_header_footer:
        variants.append(getattr(section, f"first_page_{kind}"))
    if document.settings.odd_and_even_pages_header_footer:
        variants.append(getattr(section, f"even_page_{kind}"))
    return [part for part in variants if not part.is_linked_to_previous]


def _numbers_pages(part) -> bool:
    """Whether a header or footer already carries a PAGE field."""
    instructions = [t.text or "" for t in part._element.iter(X.qn("w:instrText"))]
    instructions += [f.get(X.qn("w:instr"), "") for f in part._element.iter(X.qn("w:fldSimple"))]
    return any(i.split()[:1] == ["PAGE"] for i in instructions)


def _own_header(document, section, doc: DocumentView, facts: list[str]) -> None:
    """policygen's running header: the logo and the facts over a rule in the house colour."""
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    p.style = document.styles["Header"]
    if doc.logo:
        # past every id the body's pictures can take: Word wants each drawing's id unique
        add_picture(p.add_run(), doc.logo, height=RUNNING_LOGO_HEIGHT, shape_id=len(doc.pictures()) + 1)
        p.add_run(" ")
    p._p.append(X.run(" \u00b7 ".join(facts)))
    X.paragraph_border(p, ("bottom",), doc.style.colours.primary, 4)


def _own_footer(document, section, doc: DocumentView, total_pages: int, statements: list[str]) -> None:
    """policygen's footer: "Page x of y" under a rule in the house colour, then the statements."""
    footer = section.footer
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0]
    p.style = document.styles["Footer"]
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    X.paragraph_border(p, ("top",), doc.style.colours.primary, 4)
    _page_x_of_y(p, total_pages)
    for text in statements:
        footer.add_paragraph(style=document.styles["Footer"])._p.append(X.run(text))


def _page_x_of_y(p, total_pages: int) -> None:
    p._p.append(X.run("Page "))
    p._p.extend(X.field_runs("PAGE", "1"))
    p._p.append(X.run(" of "))
    p._p.extend(X.field_runs("NUMPAGES", str(total_pages)))
