"""The Word reader: a .docx → the flat run of blocks every reader hands the recogniser.

python-docx opens the package and parses its XML with lxml's parser set to resolve no
entities and use no network (``docx.oxml.parser``), so a document can neither read a local
file through an entity nor make us fetch anything. We read only what Word itself says about
structure: heading styles and outline levels, automatic list numbering (the numbering part's
level, format and number text), bold, italic and hyperlinks, table header rows and merged
cells, the core-properties title. Macros, external links, embedded objects, pictures and text
boxes are never opened or followed; each is reported, so nothing is lost silently.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from policygen.importer.blocks import (
    AutoNumber, Block, Cell, Heading, Notice, Paragraph, Row, Skipped, Source, Table, Unreadable, Where,
)
from policygen.importer.readers import inline as md
from policygen.importer.readers.lists import list_start

MAX_BYTES = 50 * 1024 * 1024  # a policy is a few hundred kilobytes; anything past this is not one

_FORMATS = {
    "decimal": "decimal", "decimalZero": "decimal", "lowerLetter": "lower-alpha", "upperLetter": "upper-alpha",
    "lowerRoman": "lower-roman", "upperRoman": "upper-roman", "bullet": "bullet", "none": "none",
}
_HEADING_STYLE = re.compile(r"^heading (\d)$", re.I)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read(path: Path, data: bytes) -> Source:
    """The document's blocks; Unreadable (one line, nothing else done) when it is not a usable .docx."""
    name = path.name
    document = _open(name, data)
    reader = _Reader(name, document)
    blocks = reader.blocks()
    if not any(isinstance(b, (Heading, Paragraph, Table)) for b in blocks):
        raise Unreadable(Where(name), "the document has no text to import")
    title = (document.core_properties.title or "").strip() or None
    return Source(file=name, blocks=tuple(blocks), title=title, notices=tuple(_package_notices(name, document, data) + reader.notices))


def _open(name: str, data: bytes):
    """python-docx's Document, after the checks that give each kind of bad file its own one line."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if len(data) > MAX_BYTES:
        raise Unreadable(Where(name), f"{len(data) / 1048576:.0f} MB is over the {MAX_BYTES // 1048576} MB limit for a document to import")
    if not data.strip():
        raise Unreadable(Where(name), "the file is empty")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise Unreadable(Where(name), "an encrypted (password-protected) Word file or an old .doc; save it unprotected as .docx first")
    if data.startswith(b"%PDF"):
        raise Unreadable(Where(name), "this is a PDF, not a Word document; import the Word file it was made from")
    if not data.startswith(b"PK"):
        raise Unreadable(Where(name), "not a Word document (.docx is a zip package; this file is not one)")
    try:
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise Unreadable(Where(name), f"not a readable Word document (corrupt or not a .docx: {exc.__class__.__name__})") from None
    except Exception as exc:  # lxml's XMLSyntaxError and kin: a damaged part inside the zip
        raise Unreadable(Where(name), f"a damaged Word document ({exc.__class__.__name__}); open and re-save it in Word") from None


def _package_notices(name: str, document, data: bytes) -> list[Notice]:
    """What the package holds that we never run or follow: macros, external links, embedded files.
    The zip's own list of members, not only the parts Word links, so an unlinked macro part shows too."""
    where = Where(name)
    notices: list[Notice] = []
    package = document.part.package
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        partnames = sorted("/" + n for n in z.namelist())
    if any("vbaproject" in p.lower() for p in partnames):
        notices.append(Notice("the document contains macros (vbaProject); they were ignored, never run", where))
    if any(p.startswith("/word/embeddings/") for p in partnames):
        notices.append(Notice("the document embeds other files (OLE objects); they were not opened", where))
    targets = set()
    for part in [document.part, *package.iter_parts()]:
        for rel in part.rels.values():
            if rel.is_external and rel.reltype != RT.HYPERLINK:
                targets.add((rel.reltype.rsplit("/", 1)[-1], rel.target_ref))
    for kind, target in sorted(targets):
        notices.append(Notice(f"an external link ({kind}) to {target!r} was not followed", where))
    return notices


class _Reader:
    """Walks the body in order; numbers body paragraphs and tables from 1 for the report."""

    def __init__(self, name: str, document) -> None:
        self.name = name
        self.document = document
        self.count = 0
        self.notices: list[Notice] = []
        self.numbering = _Numbering(document)
        self.field_depth = 0  # complex fields open (begin … end may span paragraphs)
        self.toc_depth: int | None = None  # the depth of an open TOC field

    def blocks(self) -> list[Block]:
        out: list[Block] = []
        self._walk(self.document.element.body, out, toc=False)
        return out

    def _walk(self, parent, out: list[Block], toc: bool) -> None:
        from docx.table import Table as DocxTable
        from docx.text.paragraph import Paragraph as DocxParagraph

        for child in parent.iterchildren():
            if child.tag == qn("w:p"):
                self.count += 1
                self._paragraph(DocxParagraph(child, self.document.part), out, toc)
            elif child.tag == qn("w:tbl"):
                self.count += 1
                out.append(self._table(DocxTable(child, self.document.part)))
            elif child.tag == qn("w:sdt"):  # a content control: Word wraps its contents page in one
                gallery = child.find(f".//{_W}docPartGallery")
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    is_toc = gallery is not None and "contents" in (gallery.get(qn("w:val")) or "").lower()
                    self._walk(content, out, toc or is_toc)

    def _paragraph(self, p, out: list[Block], toc: bool) -> None:
        where = Where(self.name, paragraph=self.count)
        out.extend(Skipped(what, where) for what in _unreadable_parts(p._p))
        text = inline(p)
        in_field = self._in_toc_field(p._p)  # first: it keeps count of fields in every paragraph
        style = "toc" if toc or in_field else (p.style.name if p.style is not None else None)
        if not text.strip():
            return
        auto = self.numbering.of(p)
        level = _heading_level(p)
        if style and style.lower() == "title":
            out.append(Heading(1, text, where, auto, title_style=True))
        elif level is not None and style != "toc":
            out.append(Heading(level, text, where, auto))
        else:
            out.append(Paragraph(text, where, auto, style))

    def _in_toc_field(self, p) -> bool:
        """Whether any of the paragraph lies inside a TOC field (a contents page Word generates)."""
        inside = self.toc_depth is not None
        for node in p.iter(qn("w:fldChar"), qn("w:instrText")):
            if node.tag == qn("w:instrText"):
                if self.toc_depth is None and re.match(r"\s*TOC\b", node.text or ""):
                    self.toc_depth, inside = self.field_depth, True
            elif node.get(qn("w:fldCharType")) == "begin":
                self.field_depth += 1
            elif node.get(qn("w:fldCharType")) == "end":
                if self.toc_depth == self.field_depth:
                    self.toc_depth = None
                self.field_depth = max(0, self.field_depth - 1)
        return inside

    def _table(self, table) -> Table:
        from docx.text.paragraph import Paragraph as DocxParagraph

        rows = []
        for tr in table._tbl.tr_lst:
            trPr = tr.trPr
            header = trPr is not None and trPr.find(qn("w:tblHeader")) is not None and _on(trPr.find(qn("w:tblHeader")))
            cells = []
            for tc in tr.tc_lst:
                continued = tc.tcPr is not None and tc.tcPr.vMerge is not None and tc.vMerge != "restart"
                paragraphs = () if continued else tuple(
                    t for t in (self._cell_paragraph(DocxParagraph(p, self.document.part)) for p in tc.iter(qn("w:p"))) if t
                )
                cells.append(Cell(paragraphs, colspan=tc.grid_span))
            rows.append(Row(tuple(cells), header=bool(header)))
        return Table(tuple(rows), Where(self.name, paragraph=self.count))

    def _cell_paragraph(self, p) -> str:
        text = inline(p)
        if text.strip():
            auto = self.numbering.of(p)
            if auto is not None and auto.counting != "none":
                return f"- {text}"
        return text


def _on(element) -> bool:
    return element.get(qn("w:val")) not in ("0", "false", "off")


def _heading_level(p) -> int | None:
    """1-based heading level from the style's name or an outline level (the paragraph's or its style's)."""
    style = p.style
    while style is not None:
        m = _HEADING_STYLE.match(style.name or "")
        if m:
            return int(m[1])
        style = style.base_style
    for pPr in [p._p.pPr, *(s.element.pPr for s in _style_chain(p.style))]:
        if pPr is not None:
            outline = pPr.find(qn("w:outlineLvl"))
            if outline is not None and outline.get(qn("w:val"), "9").isdigit() and int(outline.get(qn("w:val"))) < 9:
                return int(outline.get(qn("w:val"))) + 1
    return None


def _style_chain(style):
    while style is not None:
        yield style
        style = style.base_style


def _unreadable_parts(p) -> list[str]:
    """What a paragraph holds that is not its text: pictures, text boxes, embedded objects."""
    found = []
    if p.find(f".//{_W}txbxContent") is not None:
        found.append("a text box (its text is not imported; copy it into the body if it matters)")
    if p.find(f".//{_W}object") is not None:
        found.append("an embedded object (not opened)")
    if p.find(".//{http://schemas.openxmlformats.org/drawingml/2006/picture}pic") is not None:
        found.append("a picture (not imported; add it as a figure with alt text)")
    elif p.find(".//{http://schemas.openxmlformats.org/drawingml/2006/chart}chart") is not None:
        found.append("a chart (not imported)")
    return found


def inline(p) -> str:
    """A paragraph's text as inline Markdown: bold, italic and web links kept, everything else
    plain, by the rules (``readers/inline.py``) the HTML and Markdown readers write theirs with."""
    from docx.text.hyperlink import Hyperlink

    pieces: list[tuple[str, bool, bool]] = []
    out: list[str] = []
    for item in p.iter_inner_content():
        if isinstance(item, Hyperlink):
            out.append(_styled(pieces))
            pieces = []
            out.append(md.link(md.escape("".join(r.text for r in item.runs)), item.address))
        else:
            pieces.append((item.text, bool(item.bold), bool(item.italic)))
    out.append(_styled(pieces))
    return re.sub(r"[ \t]*\n[ \t]*", " ", "".join(out)).strip()


def _styled(pieces: list[tuple[str, bool, bool]]) -> str:
    """Runs joined, neighbours with the same emphasis merged, emphasis as ** and *."""
    merged: list[list] = []
    for text, bold, italic in pieces:
        if merged and merged[-1][1:] == [bold, italic]:
            merged[-1][0] += text
        elif text:
            merged.append([text, bold, italic])
    out = []
    for text, bold, italic in merged:
        text = md.escape(text)
        text = md.wrap("**", text) if bold else text
        out.append(md.wrap("*", text) if italic else text)
    return "".join(out)


class _Numbering:
    """Word's automatic numbering: a paragraph's (or its style's) numId and level, looked up in
    the numbering part for the level's format and number text."""

    def __init__(self, document) -> None:
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError):
            root = None
        self.abstract: dict[str, object] = {}
        self.nums: dict[str, tuple[str, object]] = {}
        if root is None:
            return
        for a in root.findall(qn("w:abstractNum")):
            self.abstract[a.get(qn("w:abstractNumId"))] = a
        for n in root.findall(qn("w:num")):
            ref = n.find(qn("w:abstractNumId"))
            if ref is not None:
                self.nums[n.get(qn("w:numId"))] = (ref.get(qn("w:val")), n)

    def of(self, p) -> AutoNumber | None:
        num_id, ilvl = None, None
        for pPr in [p._p.pPr, *(s.element.pPr for s in _style_chain(p.style))]:
            numPr = pPr.find(qn("w:numPr")) if pPr is not None else None
            if numPr is None:
                continue
            if num_id is None and numPr.find(qn("w:numId")) is not None:
                num_id = numPr.find(qn("w:numId")).get(qn("w:val"))
            if ilvl is None and numPr.find(qn("w:ilvl")) is not None:
                ilvl = numPr.find(qn("w:ilvl")).get(qn("w:val"))
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return None
        level = int(ilvl) if ilvl and ilvl.isdigit() else 0
        abstract_id, num = self.nums[num_id]
        lvl = None
        for override in num.findall(qn("w:lvlOverride")):
            if override.get(qn("w:ilvl")) == str(level):
                lvl = override.find(qn("w:lvl"))
        if lvl is None and abstract_id in self.abstract:
            for candidate in self.abstract[abstract_id].findall(qn("w:lvl")):
                if candidate.get(qn("w:ilvl")) == str(level):
                    lvl = candidate
        fmt = lvl.find(qn("w:numFmt")) if lvl is not None else None
        text = lvl.find(qn("w:lvlText")) if lvl is not None else None
        counting = _FORMATS.get(fmt.get(qn("w:val")) if fmt is not None else "decimal", "decimal")
        pattern = text.get(qn("w:val")) if text is not None and text.get(qn("w:val")) is not None else f"%{level + 1}."
        return AutoNumber(level=level, counting=counting, pattern=pattern, start=list_start(self._start(num, lvl, level)))

    @staticmethod
    def _start(num, lvl, level: int) -> str | None:
        """The level's first count: the list's w:startOverride, else the level's own w:start."""
        for override in num.findall(qn("w:lvlOverride")):
            start = override.find(qn("w:startOverride"))
            if override.get(qn("w:ilvl")) == str(level) and start is not None:
                return start.get(qn("w:val"))
        start = lvl.find(qn("w:start")) if lvl is not None else None
        return start.get(qn("w:val")) if start is not None else None
