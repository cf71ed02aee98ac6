"""Low-level WordprocessingML for the DOCX renderer: what python-docx has no API for.

Bookmarks, internal and external hyperlinks, complex fields (TOC, PAGEREF,
PAGE, NUMPAGES) with cached results, cell shading, borders and repeating
header rows. Word rejects a file whose property elements are out of schema
order (the "unreadable content" repair prompt), so every property element is
inserted at its place in the sequence ECMA-376 defines.
"""

from __future__ import annotations

import hashlib
import re

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

# Child order of the property elements we touch (ECMA-376 Part 1, §17).
PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
    "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
    "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
    "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)
RPR_ORDER = (
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
    "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
    "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs",
    "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs",
    "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath",
)
TCPR_ORDER = (
    "w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap",
    "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
)
TRPR_ORDER = (
    "w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter", "w:cantSplit",
    "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden",
)
TBLPR_ORDER = (
    "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd",
    "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
)


def el(tag: str, **attrs: str) -> BaseOxmlElement:
    """A new element; attribute names are given without prefix and put in the w: namespace."""
    e = OxmlElement(tag)
    for name, value in attrs.items():
        e.set(qn(name if ":" in name else "w:" + name), str(value))
    return e


def set_child(parent, child, order: tuple[str, ...]):
    """Put ``child`` in ``parent`` at its schema position, replacing one with the same tag."""
    tag = child.tag
    for old in parent.findall(tag):
        parent.remove(old)
    name = _prefixed(tag)
    later = order[order.index(name) + 1:] if name in order else ()
    for existing in parent:
        if _prefixed(existing.tag) in later:
            existing.addprevious(child)
            return child
    parent.append(child)
    return child


def _prefixed(tag: str) -> str:
    return "w:" + tag.split("}", 1)[1] if tag.startswith("{http://schemas.openxmlformats.org/wordprocessingml") else tag


def get_or_add(parent, tag: str, order: tuple[str, ...]):
    found = parent.find(qn(tag))
    return found if found is not None else set_child(parent, el(tag), order)


def run_properties(r):
    """The w:rPr of a run, created as its first child if absent."""
    rPr = r.find(qn("w:rPr"))
    if rPr is None:
        rPr = el("w:rPr")
        r.insert(0, rPr)
    return rPr


def ppr(paragraph):
    return paragraph._p.get_or_add_pPr()


# -- bookmarks -------------------------------------------------------------------

_BOOKMARK_CHARS = re.compile(r"[^A-Za-z0-9_]")


def bookmark_name(anchor: str) -> str:
    """A visible Word bookmark name for an anchor: starts with a letter, at most 40 characters.

    Deterministic: the same anchor always gives the same name; a long one is
    cut and made unique with a short hash of the whole anchor.
    """
    name = "s_" + _BOOKMARK_CHARS.sub("_", anchor)
    if len(name) > 40:
        digest = hashlib.sha1(anchor.encode("utf-8")).hexdigest()[:8]
        name = name[:31] + "_" + digest
    return name


def add_bookmark(paragraph, name: str, bookmark_id: int) -> None:
    """Bookmark the whole paragraph (start before its first run, end after its last)."""
    enclose(paragraph, paragraph, el("w:bookmarkStart", id=str(bookmark_id), name=name), el("w:bookmarkEnd", id=str(bookmark_id)))


def enclose(first, last, start, end) -> None:
    """Put a range's ``start`` before the first run of ``first`` and its ``end`` after the last of ``last``
    (a bookmark, a tracked move)."""
    pPr = first._p.find(qn("w:pPr"))
    if pPr is not None:
        pPr.addnext(start)
    else:
        first._p.insert(0, start)
    last._p.append(end)


# -- runs, hyperlinks and fields -------------------------------------------------------

def run(text: str = "", *, bold: bool = False, italic: bool = False, style: str | None = None,
        mono: str | None = None) -> BaseOxmlElement:
    """A w:r holding ``text``; tabs and line breaks become w:tab and w:br."""
    r = el("w:r")
    if bold or italic or style or mono:
        rPr = el("w:rPr")
        if style:
            set_child(rPr, el("w:rStyle", val=style), RPR_ORDER)
        if mono:
            set_child(rPr, el("w:rFonts", ascii=mono, hAnsi=mono, cs=mono), RPR_ORDER)
        if bold:
            set_child(rPr, el("w:b"), RPR_ORDER)
        if italic:
            set_child(rPr, el("w:i"), RPR_ORDER)
        r.append(rPr)
    for i, part in enumerate(re.split(r"(\t|\n)", text)):
        if part == "\t":
            r.append(el("w:tab"))
        elif part == "\n":
            r.append(el("w:br"))
        elif part:
            t = el("w:t")
            t.text = part
            if part != part.strip():
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            r.append(t)
    return r


def internal_link(bookmark: str) -> BaseOxmlElement:
    """A w:hyperlink to a bookmark in this document; append runs to it."""
    return el("w:hyperlink", anchor=bookmark, history="1")


def external_link(part, url: str) -> BaseOxmlElement:
    """A w:hyperlink to a web address (a relationship of ``part``); Word never fetches it."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    rid = part.relate_to(url, RT.HYPERLINK, is_external=True)
    return el("w:hyperlink", **{"r:id": rid, "history": "1"})


def field_runs(instruction: str, cached: str, **run_options) -> list[BaseOxmlElement]:
    """The runs of a complex field: begin, instruction, separate, cached result, end."""
    return [
        field_begin(),
        field_instruction(instruction),
        field_separate(),
        run(cached, **run_options),
        field_end(),
    ]


def field_begin() -> BaseOxmlElement:
    r = el("w:r")
    r.append(el("w:fldChar", fldCharType="begin"))
    return r


def field_instruction(instruction: str) -> BaseOxmlElement:
    r = el("w:r")
    instr = el("w:instrText")
    instr.text = f" {instruction} "
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.append(instr)
    return r


def field_separate() -> BaseOxmlElement:
    r = el("w:r")
    r.append(el("w:fldChar", fldCharType="separate"))
    return r


def field_end() -> BaseOxmlElement:
    r = el("w:r")
    r.append(el("w:fldChar", fldCharType="end"))
    return r


# -- paragraph and table properties ------------------------------------------------------

def shade_cell(cell, fill: str) -> None:
    tcPr = cell._tc.get_or_add_tcPr()
    set_child(tcPr, el("w:shd", val="clear", color="auto", fill=fill.lstrip("#").upper()), TCPR_ORDER)


def cell_width(cell, twips: int) -> None:
    tcPr = cell._tc.get_or_add_tcPr()
    set_child(tcPr, el("w:tcW", w=str(twips), type="dxa"), TCPR_ORDER)


def repeat_header(row) -> None:
    """Mark a table row as a header row that repeats at the top of every page."""
    trPr = row._tr.get_or_add_trPr()
    set_child(trPr, el("w:cantSplit"), TRPR_ORDER)
    set_child(trPr, el("w:tblHeader"), TRPR_ORDER)


def keep_row_together(row) -> None:
    set_child(row._tr.get_or_add_trPr(), el("w:cantSplit"), TRPR_ORDER)


def table_properties(table, *, width_pct: int = 100, caption: str | None = None,
                     description: str | None = None) -> None:
    tblPr = table._tbl.tblPr
    set_child(tblPr, el("w:tblW", w=str(width_pct * 50), type="pct"), TBLPR_ORDER)
    set_child(tblPr, el("w:tblLayout", type="fixed"), TBLPR_ORDER)
    margins = el("w:tblCellMar")  # 1.5 mm above and below, 2 mm either side, as the PDF
    for side, width in (("top", 85), ("left", 113), ("bottom", 85), ("right", 113)):
        margins.append(el(f"w:{side}", w=str(width), type="dxa"))
    set_child(tblPr, margins, TBLPR_ORDER)
    # Header row and first column formatting of the table style apply; no banding.
    set_child(tblPr, el("w:tblLook", val="04A0", firstRow="1", lastRow="0", firstColumn="1",
                        lastColumn="0", noHBand="0", noVBand="1"), TBLPR_ORDER)
    if caption:
        set_child(tblPr, el("w:tblCaption", val=caption[:255]), TBLPR_ORDER)
    if description:
        set_child(tblPr, el("w:tblDescription", val=description[:255]), TBLPR_ORDER)


def border(side: str, colour: str, size_eighths: int = 12, space: int = 4) -> BaseOxmlElement:
    return el(f"w:{side}", val="single", sz=str(size_eighths), space=str(space), color=colour.lstrip("#").upper())


def paragraph_border(paragraph_or_ppr, sides: tuple[str, ...], colour: str, size_eighths: int = 12) -> None:
    pPr = ppr(paragraph_or_ppr) if hasattr(paragraph_or_ppr, "_p") else paragraph_or_ppr
    pBdr = el("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        if side in sides:
            pBdr.append(border(side, colour, size_eighths))
    set_child(pPr, pBdr, PPR_ORDER)


def numbering(paragraph, num_id: int, level: int) -> None:
    pPr = ppr(paragraph)
    numPr = el("w:numPr")
    numPr.append(el("w:ilvl", val=str(level)))
    numPr.append(el("w:numId", val=str(num_id)))
    set_child(pPr, numPr, PPR_ORDER)


def indent(paragraph, left: int, hanging: int = 0) -> None:
    attrs = {"left": str(left)}
    if hanging:
        attrs["hanging"] = str(hanging)
    set_child(ppr(paragraph), el("w:ind", **attrs), PPR_ORDER)


def page_break_before(paragraph) -> None:
    set_child(ppr(paragraph), el("w:pageBreakBefore"), PPR_ORDER)


def keep_with_next(paragraph) -> None:
    set_child(ppr(paragraph), el("w:keepNext"), PPR_ORDER)


def run_properties_of_paragraph(paragraph):
    """The w:rPr inside a paragraph's w:pPr (the paragraph mark's properties), created if absent."""
    return get_or_add(ppr(paragraph), "w:rPr", PPR_ORDER)
