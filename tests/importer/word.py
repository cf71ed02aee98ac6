"""Small Word documents made with python-docx inside the tests: typed numbers, Word's own list
numbering, tables with header rows, and the hostile parts (macros, external links) the reader
must report without opening."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def _el(tag: str, **attrs) -> OxmlElement:
    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)
    return el


def outline_numbering(document, levels: list[tuple[str, str]]) -> int:
    """A multi-level list (abstractNum + num) with (w:numFmt, w:lvlText) per level; its numId."""
    numbering = document.part.numbering_part.element
    abstract_id = str(max((int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))), default=0) + 1)
    abstract = _el("w:abstractNum", abstractNumId=abstract_id)
    for ilvl, (fmt, text) in enumerate(levels):
        lvl = _el("w:lvl", ilvl=str(ilvl))
        lvl.append(_el("w:start", val="1"))
        lvl.append(_el("w:numFmt", val=fmt))
        lvl.append(_el("w:lvlText", val=text))
        abstract.append(lvl)
    numbering.insert(0, abstract)  # abstractNums come before nums
    num = numbering.add_num(int(abstract_id))
    return int(num.get(qn("w:numId")))


def numbered(paragraph, num_id: int, level: int):
    """Put a paragraph in a Word list at a level (w:numPr)."""
    pPr = paragraph._p.get_or_add_pPr()
    numPr = _el("w:numPr")
    numPr.append(_el("w:ilvl", val=str(level)))
    numPr.append(_el("w:numId", val=str(num_id)))
    pPr.insert(0, numPr)
    return paragraph


def header_row(table, index: int = 0) -> None:
    trPr = table.rows[index]._tr.get_or_add_trPr()
    trPr.append(_el("w:tblHeader"))


def save(document, path: Path) -> Path:
    document.save(str(path))
    return path


def typed_policy(path: Path, title: str = "Records Management Policy") -> Path:
    """Typed numbers throughout: 1 / 1.1 / (a), a contents page, control and history tables."""
    d = docx.Document()
    d.add_paragraph(title, style="Title")
    control = d.add_table(rows=4, cols=2)
    for row, (label, value) in zip(control.rows, [("Reference", "RM-01"), ("Version", "2.0"),
                                                  ("Date approved", "9 March 2021"), ("Review date", "March 2024")]):
        row.cells[0].text, row.cells[1].text = label, value
    control.rows[0].cells[0].paragraphs[0].runs[0].bold = True
    d.add_paragraph("Version control", style="Heading 1")
    history = d.add_table(rows=3, cols=3)
    for row, cells in zip(history.rows, [("Version", "Date", "Description"), ("1.0", "01/04/2018", "New policy"),
                                         ("2.0", "09/03/2021", "Full review")]):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    d.add_paragraph("Contents", style="Heading 1")
    d.add_paragraph("1\tIntroduction\t3")
    d.add_paragraph("2\tRetention\t4")
    d.add_paragraph("1 Introduction", style="Heading 1")
    p = d.add_paragraph("1.1\tThis policy sets out how ")
    p.add_run("records").bold = True
    p.add_run(" are kept. See {ref:scope} and section 2.2, and use *stars* as typed.")
    d.add_paragraph("1.2\tIt applies to:")
    d.add_paragraph("all staff;", style="List Bullet")
    d.add_paragraph("contractors.", style="List Bullet")
    d.add_paragraph("2 Retention", style="Heading 1")
    d.add_paragraph("2.1 Records are kept for the periods in the schedule:")
    d.add_paragraph("(a) clinical records for eight years;")
    d.add_paragraph("(b) corporate records for six years.")
    d.add_paragraph("2.2 Records are destroyed securely.")
    table = d.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Record", "Kept for"
    table.rows[1].cells[0].text, table.rows[1].cells[1].text = "Clinical", "8 years"
    header_row(table)
    return save(d, path)


def auto_numbered_policy(path: Path) -> Path:
    """Word's own numbering: headings %1, clauses %1.%2, sub-clauses (%3) lower-roman."""
    d = docx.Document()
    d.add_paragraph("Information Security Policy", style="Title")
    num = outline_numbering(d, [("decimal", "%1"), ("decimal", "%1.%2"), ("lowerRoman", "(%3)")])
    numbered(d.add_paragraph("Purpose", style="Heading 1"), num, 0)
    numbered(d.add_paragraph("This policy protects the trust's information."), num, 1)
    numbered(d.add_paragraph("It covers every system the trust runs:"), num, 1)
    numbered(d.add_paragraph("clinical systems;"), num, 2)
    numbered(d.add_paragraph("corporate systems."), num, 2)
    numbered(d.add_paragraph("Passwords", style="Heading 1"), num, 0)
    numbered(d.add_paragraph("Passwords are never shared."), num, 1)
    return save(d, path)


def with_parts(source: Path, dest: Path, extra: dict[str, bytes], rels: str = "") -> Path:
    """A copy of a .docx with extra zip members, and extra relationships in document.xml.rels."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(dest, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/_rels/document.xml.rels" and rels:
                data = data.replace(b"</Relationships>", rels.encode() + b"</Relationships>")
            zout.writestr(item, data)
        for name, data in extra.items():
            zout.writestr(name, data)
    return dest


def replace_part(source: Path, dest: Path, name: str, data: bytes) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(buffer, "w") as zout:
        for item in zin.infolist():
            zout.writestr(item, data if item.filename == name else zin.read(item.filename))
    dest.write_bytes(buffer.getvalue())
    return dest
