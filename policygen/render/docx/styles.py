"""The house style as Word styles, and the list numbering definitions.

Everything visible is carried by named styles (Normal, Title, Heading 1–4,
TOC 1–3, Caption, List Bullet / List Number, Hyperlink, Table Grid and a few
house paragraph styles), so an editor who changes "Heading 1" in Word changes
every section heading, and the navigation pane, style pane and screen readers
see the document's structure. Font and colours come from the organisation's
``style`` block, the same settings the HTML and PDF use.
"""

from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor, Twips

from policygen.model.organisation import Style
from policygen.render.docx.xml import PPR_ORDER, RPR_ORDER, el, paragraph_border, set_child

# The page and type of the PDF's print layout (templates/html/print.css.j2), so that the
# page numbers the contents takes from the PDF fall where Word and LibreOffice break pages:
# A4, margins 20 / 18 / 24 / 18 mm, 10.5 pt text at 1.4 line height. Measures in twips.
PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838
MARGIN_TOP, MARGIN_SIDE, MARGIN_BOTTOM = 1134, 1020, 1361
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_SIDE
NUMBER_INDENT = 737  # 13 mm: room for "5.1.2" before a numbered heading, clause or contents entry
LIST_STEP = 600  # indent per list level: a browser's 40 px (30 pt), as the PDF
LIST_HANGING = 240
BODY_SIZE = 10.5
# CSS line-height is a multiple of the font size; Word's "multiple" is of the font's own line
# height (1.149 em for Arial / Liberation Sans): 1.4 em ≈ 1.225 lines = 294/240 (measured against the PDF).
BODY_LINE = 294
HEADING_LINE = 261  # CSS 1.25
MONO = "Courier New"  # code in clause text

# House paragraph styles (custom, based on Normal).
CLAUSE = "Clause"
CLAUSE_CONTINUE = "Clause Continue"
TABLE_TEXT = "Table Text"
HEADING_PREFIX = "Title Prefix"
END_MARKER = "End Marker"
BOXED = "Boxed Statement"

# Built-in styles Word knows by these ids and internal (lower-case) names.
BUILT_IN_EXTRA = {
    "TOC1": ("toc 1", WD_STYLE_TYPE.PARAGRAPH),
    "TOC2": ("toc 2", WD_STYLE_TYPE.PARAGRAPH),
    "TOC3": ("toc 3", WD_STYLE_TYPE.PARAGRAPH),
    "Hyperlink": ("Hyperlink", WD_STYLE_TYPE.CHARACTER),
}

LISTS = tuple(f"List {kind}{level}" for kind in ("Bullet", "Number", "Continue") for level in ("", " 2", " 3"))
# Every style the renderer writes with, by the name Word gives it: on an organisation's Word
# template, these are the ones taken from the template where it has them (render/docx/template.py).
USED_STYLES = (
    "Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Caption", "Table Grid",
    "Header", "Footer", *LISTS, "toc 1", "toc 2", "toc 3", "Hyperlink",
    CLAUSE, CLAUSE_CONTINUE, TABLE_TEXT, HEADING_PREFIX, END_MARKER, BOXED,
)

HEADING_SIZES = {1: 15, 2: 12.5, 3: 11, 4: 11}
HEADING_SPACE = {1: (21, 12), 2: (16, 12.5), 3: (13, 14.5), 4: (13, 18)}  # before, after (pt): the CSS margins


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def apply_house_style(document, style: Style, numbered: bool, width: int = TEXT_WIDTH) -> None:
    """Every style the document uses, in the organisation's font and colours (in this order:
    Word lists added styles in the order they were made). ``numbered`` (the view's: the body
    numbers something) makes headings and contents entries hang their numbers; ``width`` (the
    text width, twips) is where header, footer and contents right-align page numbers."""
    styles = document.styles
    colours = style.colours
    _document_defaults(document, style.font)
    _text_styles(styles, colours.primary, colours.text)
    _heading_styles(styles, colours.primary, numbered)
    _caption_and_table_styles(styles, colours.text)
    _header_footer_and_list_styles(styles, colours.text, width)
    _house_styles(styles, colours.secondary)
    _contents_styles(styles, colours.primary, numbered, width)


def _text_styles(styles, primary: str, text: str) -> None:
    """Normal, Title and Subtitle."""
    normal = styles["Normal"]
    normal.font.color.rgb = _rgb(text)
    normal.font.size = Pt(BODY_SIZE)
    normal.paragraph_format.space_after = Pt(BODY_SIZE)

    title = styles["Title"]
    _reset(title)
    title.font.size = Pt(22)
    title.font.bold = True
    title.font.color.rgb = _rgb(primary)
    pf = title.paragraph_format
    pf.space_before, pf.space_after = Pt(0), Pt(BODY_SIZE)
    _line(title, HEADING_LINE)

    subtitle = styles["Subtitle"]
    _reset(subtitle)
    subtitle.font.size = Pt(12)
    subtitle.font.color.rgb = _rgb(text)
    subtitle.paragraph_format.space_after = Pt(12)


def _heading_styles(styles, primary: str, numbered: bool) -> None:
    """Heading 1–4, shown in Word's style gallery; a numbered heading's number hangs."""
    for level, size in HEADING_SIZES.items():
        h = styles[f"Heading {level}"]
        _reset(h, keep_ppr=("w:keepNext", "w:keepLines", "w:outlineLvl"))
        h.hidden = False
        h.unhide_when_used = False
        h.quick_style = True
        h.font.size = Pt(size)
        h.font.bold = True
        h.font.color.rgb = _rgb(primary)
        pf = h.paragraph_format
        pf.space_before, pf.space_after = (Pt(v) for v in HEADING_SPACE[level])
        _line(h, HEADING_LINE)
        if level < 4 and numbered:
            _hanging(h, NUMBER_INDENT)
        if level == 1:
            paragraph_border(h.element.get_or_add_pPr(), ("bottom",), primary, 12)


def _caption_and_table_styles(styles, text: str) -> None:
    grid_ppr = styles["Table Grid"].element.find(qn("w:pPr"))
    if grid_ppr is not None:  # the table style's single spacing would override the body's
        grid_ppr.getparent().remove(grid_ppr)

    caption = styles["Caption"]
    _reset(caption)
    caption.hidden = False
    caption.quick_style = True
    caption.font.bold = True
    caption.font.size = Pt(BODY_SIZE)
    caption.font.color.rgb = _rgb(text)
    caption.paragraph_format.space_before = Pt(3)
    caption.paragraph_format.space_after = Pt(3)
    caption.paragraph_format.keep_with_next = True


def _header_footer_and_list_styles(styles, text: str, width: int) -> None:
    for name in ("Header", "Footer"):
        s = styles[name]
        s.font.size = Pt(8)
        s.font.color.rgb = _rgb(text)
        tabs = s.element.get_or_add_pPr().find(qn("w:tabs"))
        if tabs is not None:
            tabs.getparent().remove(tabs)
        s.paragraph_format.tab_stops.add_tab_stop(Twips(width), WD_TAB_ALIGNMENT.RIGHT)

    for name in LISTS:
        s = styles[name]
        # No space between the items of a list (Word's contextual spacing), a line after it.
        s.paragraph_format.space_after = Pt(BODY_SIZE)


def _house_styles(styles, secondary: str) -> None:
    """The house paragraph styles: clauses, table text, title prefix, end marker, boxed statement."""
    clause = _custom(styles, CLAUSE, WD_STYLE_TYPE.PARAGRAPH)
    _hanging(clause, NUMBER_INDENT)
    cont = _custom(styles, CLAUSE_CONTINUE, WD_STYLE_TYPE.PARAGRAPH)
    cont.paragraph_format.left_indent = Twips(NUMBER_INDENT)

    table_text = _custom(styles, TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
    _line(table_text, BODY_LINE)  # explicitly: Table Grid's own single spacing must not win
    table_text.paragraph_format.space_before = Pt(0)
    table_text.paragraph_format.space_after = Pt(BODY_SIZE)  # between paragraphs; none after a cell's last

    prefix = _custom(styles, HEADING_PREFIX, WD_STYLE_TYPE.PARAGRAPH)
    prefix.font.bold = True
    prefix.font.color.rgb = _rgb(secondary)
    prefix.paragraph_format.space_after = Pt(0)
    prefix.paragraph_format.keep_with_next = True

    end = _custom(styles, END_MARKER, WD_STYLE_TYPE.PARAGRAPH)
    end.font.bold = True
    end.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    end.paragraph_format.space_before = Pt(24)

    boxed = _custom(styles, BOXED, WD_STYLE_TYPE.PARAGRAPH)
    box(boxed.element.get_or_add_pPr(), secondary)
    boxed.paragraph_format.space_after = Pt(BODY_SIZE)


def _contents_styles(styles, primary: str, numbered: bool, width: int) -> None:
    """TOC 1–3 and Hyperlink, which python-docx's template lacks."""
    for style_id, (name, kind) in BUILT_IN_EXTRA.items():
        s = _built_in(styles, style_id, name, kind)
        if kind == WD_STYLE_TYPE.CHARACTER:
            s.font.color.rgb = _rgb(primary)
            s.font.underline = True
            continue
        level = int(style_id[-1])
        pf = s.paragraph_format
        pf.space_before = Pt(0)
        pf.space_after = Pt(2)
        if level == 1:
            s.font.bold = True
        if numbered:  # "5.1<tab>Title": the number hangs, titles align
            left = toc_indent(level)
            pf.left_indent = Twips(left)
            pf.first_line_indent = Twips(-NUMBER_INDENT)
            pf.tab_stops.add_tab_stop(Twips(left), WD_TAB_ALIGNMENT.LEFT)
        else:
            pf.left_indent = Twips(TOC_STEP * (level - 1))
        pf.tab_stops.add_tab_stop(Twips(width), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)


def text_width(document) -> int:
    """The width between the margins, in twips: TEXT_WIDTH on policygen's own page, the page
    setup's on an organisation's Word template (tables and pictures fill it, never more)."""
    section = document.sections[-1]
    if None in (section.page_width, section.left_margin, section.right_margin):
        return TEXT_WIDTH
    return round((section.page_width - section.left_margin - section.right_margin) / Twips(1))


TOC_STEP = 340  # each contents level 6 mm in, as the PDF's contents


def toc_indent(level: int) -> int:
    """Where the title of a numbered contents entry starts."""
    return NUMBER_INDENT + TOC_STEP * (level - 1)


BOX_INDENT = 240  # text 12 pt in from the margins, as the HTML's 2 px border and 1 rem padding


def box(pPr, colour: str) -> None:
    """A bordered box (the controlled-document statement); consecutive paragraphs with the same
    borders and indents join into one box in Word and LibreOffice. The border's space is the
    box's padding: 0.5 rem plus the heading's or paragraph's own margin inside it."""
    pBdr = el("w:pBdr")
    for side, space in (("top", 10), ("left", 10), ("bottom", 16), ("right", 10)):
        pBdr.append(el(f"w:{side}", val="single", sz="12", space=str(space), color=colour.lstrip("#").upper()))
    set_child(pPr, pBdr, PPR_ORDER)
    set_child(pPr, el("w:ind", left=str(BOX_INDENT), right=str(BOX_INDENT), firstLine="0"), PPR_ORDER)


def _document_defaults(document, font: str) -> None:
    """The house font and British English for every style; no theme fonts left to override them."""
    styles_el = document.styles.element
    rpr_default = styles_el.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_child(rpr_default, el("w:rFonts", ascii=font, hAnsi=font, cs=font, eastAsia=font), RPR_ORDER)
    set_child(rpr_default, el("w:lang", val="en-GB", eastAsia="en-GB", bidi="ar-SA"), RPR_ORDER)
    ppr_default = styles_el.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    set_child(ppr_default, el("w:spacing", after="0", line=str(BODY_LINE), lineRule="auto"), PPR_ORDER)
    set_child(ppr_default, el("w:widowControl"), PPR_ORDER)  # no single line left behind (the PDF: 3)
    for rfonts in styles_el.iter(qn("w:rFonts")):
        if rfonts.getparent() is not rpr_default:
            rfonts.getparent().remove(rfonts)
    settings = document.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:val"), "en-GB")


def _reset(style, keep_ppr: tuple[str, ...] = ()) -> None:
    """Drop the template's own look (theme colours, borders, numbering) from a style."""
    element = style.element
    rPr = element.find(qn("w:rPr"))
    if rPr is not None:
        element.remove(rPr)
    pPr = element.find(qn("w:pPr"))
    if pPr is not None:
        for child in list(pPr):
            if child.tag not in {qn(t) for t in keep_ppr}:
                pPr.remove(child)


def _line(style, line: int) -> None:
    pPr = style.element.get_or_add_pPr()
    spacing = pPr.find(qn("w:spacing"))
    if spacing is None:
        spacing = set_child(pPr, el("w:spacing"), PPR_ORDER)
    spacing.set(qn("w:line"), str(line))
    spacing.set(qn("w:lineRule"), "auto")


def _hanging(style, width: int) -> None:
    pf = style.paragraph_format
    pf.left_indent = Twips(width)
    pf.first_line_indent = Twips(-width)
    pf.tab_stops.add_tab_stop(Twips(width), WD_TAB_ALIGNMENT.LEFT)


def _custom(styles, name: str, kind):
    s = styles.add_style(name, kind)
    s.base_style = styles["Normal"]
    s.quick_style = True
    return s


def _built_in(styles, style_id: str, name: str, kind):
    """Add a built-in style Word's template does not carry, under Word's own id and name."""
    s = styles.add_style(name, kind)
    element = s.element
    element.set(qn("w:styleId"), style_id)
    element.find(qn("w:name")).set(qn("w:val"), name)
    if kind == WD_STYLE_TYPE.PARAGRAPH:
        s.base_style = styles["Normal"]
        s.next_paragraph_style = styles["Normal"]
    s.priority = 39 if kind == WD_STYLE_TYPE.PARAGRAPH else 99
    s.unhide_when_used = True
    return s
