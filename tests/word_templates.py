"""Word templates for the tests, and the stand-in shipped with strategy-unit (see make_stand_in).

A template is made the way an organisation's usually is: a document with its own fonts,
heading colour, margins, header and footer, some sample text in the body, and not every
built-in style defined (Word keeps unused built-ins latent), saved as .docx or as .dotx
(the same package with the template content type).

    python tests/word_templates.py   # rewrites organisations/strategy-unit/word/house-style.dotx
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

DOCUMENT_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
TEMPLATE_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
SAMPLE = "Type the body of your document here."


def _fonts(rpr, font: str) -> None:
    for old in rpr.findall(qn("w:rFonts")):
        rpr.remove(old)
    fonts = OxmlElement("w:rFonts")
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), font)
    rpr.insert(0, fonts)


def template_bytes(*, font: str = "Liberation Serif", heading_colour: str = "7A1F5C", header: str = "ACME house template",
                   footer: str | None = "ACME, 1 High Street", margin_mm: int = 30, page_numbers: bool = False,
                   drop_styles: tuple[str, ...] = ("Title", "Caption"), first_page_header: str | None = None,
                   numbered_headings: bool = True, pictures: bool = False, dotx: bool = True) -> bytes:
    """A house template: ``font`` for all text, headings in ``heading_colour``, ``margin_mm`` margins,
    a header and footer (and a letterhead on the first page), sample body text; ``drop_styles`` left
    undefined, as Word leaves them. ``numbered_headings``: Heading 1 numbered automatically, as
    templates with outline numbering have it; ``pictures``: a logo in the header, a photo in the body."""
    document = Document()
    styles = document.styles
    _fonts(styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")), font)
    for s in styles:  # python-docx's own template names theme fonts in some styles: the house font everywhere
        rpr = s.element.find(qn("w:rPr"))
        if rpr is not None and rpr.find(qn("w:rFonts")) is not None:
            _fonts(rpr, font)
    styles["Normal"].font.size = Pt(11)
    for level in (1, 2, 3):
        styles[f"Heading {level}"].font.color.rgb = RGBColor.from_string(heading_colour)
    if numbered_headings:
        numbering = document.part.numbering_part.element
        num = numbering.add_num(0)
        pPr = styles["Heading 1"].element.get_or_add_pPr()
        pPr._add_numPr().get_or_add_numId().val = int(num.get(qn("w:numId")))
    for name in drop_styles:
        styles.element.remove(styles[name].element)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Mm(margin_mm)
    section.header.is_linked_to_previous = False
    section.header.paragraphs[0].text = header
    if first_page_header is not None:
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False
        section.first_page_header.paragraphs[0].text = first_page_header
    if footer is not None:
        section.footer.is_linked_to_previous = False
        section.footer.paragraphs[0].text = footer
        if page_numbers:
            p = section.footer.add_paragraph()
            field = OxmlElement("w:fldSimple")
            field.set(qn("w:instr"), "PAGE")
            p._p.append(field)
    document.add_heading("Sample heading", 1)
    document.add_paragraph(SAMPLE)
    if pictures:
        section.header.paragraphs[0].add_run().add_picture(io.BytesIO(_png((0, 94, 184))), height=Mm(8))
        document.add_picture(io.BytesIO(_png((0, 150, 57))), width=Mm(40))
    document.core_properties.author = "Template Author"
    raw = io.BytesIO()
    document.save(raw)
    return as_dotx(raw.getvalue()) if dotx else raw.getvalue()


def _png(colour: tuple[int, int, int]) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (60, 20), colour).save(out, "PNG")
    return out.getvalue()


def as_dotx(docx: bytes) -> bytes:
    """The same package as a Word template: only the main part's content type differs."""
    return rewrite(docx, {"[Content_Types].xml": lambda b: b.replace(DOCUMENT_MAIN, TEMPLATE_MAIN)})


def with_macros(docx: bytes) -> bytes:
    """The package with a VBA project in it, as Word saves a macro-enabled file (named .dotx here)."""
    return rewrite(docx, {}, {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 not really VBA"})


def with_remote_template(docx: bytes, url: str) -> bytes:
    """The package attached to a template on a server, as Word records one: opening must not fetch it."""
    rel = (f'<Relationship Id="rIdRemote" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
           f'attachedTemplate" Target="{url}" TargetMode="External"/>').encode()
    empty_rels = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
                  b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>')

    def rels(data: bytes | None) -> bytes:
        return (data or empty_rels).replace(b"</Relationships>", rel + b"</Relationships>")

    def settings(data: bytes) -> bytes:
        return re.sub(rb"(<w:settings[^>]*>)", rb'\1<w:attachedTemplate r:id="rIdRemote"/>', data, count=1)

    return rewrite(docx, {"word/_rels/settings.xml.rels": rels, "word/settings.xml": settings},
                    {} if "word/_rels/settings.xml.rels" in zipfile.ZipFile(io.BytesIO(docx)).namelist()
                    else {"word/_rels/settings.xml.rels": rels(None)})


def rewrite(docx: bytes, edits: dict, extra: dict[str, bytes] | None = None) -> bytes:
    """The package with each part ``edits`` names rewritten by its function, and ``extra`` parts added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            data = src.read(name)
            dst.writestr(name, edits[name](data) if name in edits else data)
        for name, data in (extra or {}).items():
            dst.writestr(name, data)
    return out.getvalue()


def make_stand_in(path: Path) -> None:
    """The stand-in house template shipped with strategy-unit: not The Strategy Unit's own."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(template_bytes(font="Liberation Serif", heading_colour="1F4E79", margin_mm=25,
                                    header="The Strategy Unit", footer=None, drop_styles=(),
                                    numbered_headings=False))


if __name__ == "__main__":
    make_stand_in(Path(__file__).resolve().parents[1] / "organisations" / "strategy-unit" / "word" / "house-style.dotx")
