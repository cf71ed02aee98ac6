"""Redline DOCX: the changes as real Word tracked changes (w:ins / w:del with author and date).

Word's and LibreOffice's "accept all changes" turn the document into the new
text; "reject all" turn it back into the old.
"""

from __future__ import annotations

import io
from itertools import count

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from policygen.diff import PolicyDiff
from policygen.diff.redline import entries


class _Tracker:
    def __init__(self, author: str, date: str) -> None:
        self.author, self.date = author, date
        self.ids = count(1)

    def mark(self, tag: str) -> OxmlElement:
        el = OxmlElement(tag)
        el.set(qn("w:id"), str(next(self.ids)))
        el.set(qn("w:author"), self.author)
        if self.date:
            el.set(qn("w:date"), self.date)
        return el

    def run(self, text: str, deleted: bool = False, bold: bool = False) -> OxmlElement:
        r = OxmlElement("w:r")
        if bold:
            rpr = OxmlElement("w:rPr")
            rpr.append(OxmlElement("w:b"))
            r.append(rpr)
        lines = text.split("\n")
        for i, line in enumerate(lines):
            if i:
                r.append(OxmlElement("w:br"))
            t = OxmlElement("w:delText" if deleted else "w:t")
            t.set(qn("xml:space"), "preserve")
            t.text = line
            r.append(t)
        return r

    def add_runs(self, paragraph, runs: list[tuple[str, str]], bold: bool = False) -> None:
        for op, text in runs:
            if op == "equal":
                paragraph._p.append(self.run(text, bold=bold))
            else:
                wrapper = self.mark("w:ins" if op == "insert" else "w:del")
                wrapper.append(self.run(text, deleted=op == "delete", bold=bold))
                paragraph._p.append(wrapper)

    def mark_paragraph(self, paragraph, op: str) -> None:
        """Track the paragraph mark itself, so accepting a deletion leaves no empty paragraph."""
        ppr = paragraph._p.get_or_add_pPr()
        rpr = ppr.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            ppr.append(rpr)
        rpr.append(self.mark("w:ins" if op == "insert" else "w:del"))


def render_redline_docx(diff: PolicyDiff, old_label: str, new_label: str, author: str, date: str) -> bytes:
    document = Document()
    props = document.core_properties
    props.title = f"Changes to {diff.new.title}"
    props.author = diff.new.org.name
    props.subject = f"{old_label} to {new_label}"
    track = _Tracker(author, date)
    document.add_heading(f"Changes to {diff.new.title}", level=0)
    document.add_paragraph(f"{diff.new.org.name}: from {old_label} to {new_label}. {diff.summary()}")
    if diff.fields:
        document.add_heading("Document control changes", level=1)
        table = document.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ("Field", "Before", "After")):
            cell.text = text
        for f in diff.fields:
            cells = table.add_row().cells
            cells[0].text = f.field
            if f.old is not None:
                track.add_runs(cells[1].paragraphs[0], [("delete", f.old)])
            if f.new is not None:
                track.add_runs(cells[2].paragraphs[0], [("insert", f.new)])
    document.add_heading("The text with changes marked", level=1)
    for entry in entries(diff):
        item, change = entry.item, entry.change
        whole = change.kind if change and change.kind in ("added", "removed") else None
        op = {"added": "insert", "removed": "delete"}.get(whole or "", "equal")
        if item.title:
            heading = document.add_heading(level=min(max(entry.level - 1, 1), 9))
            label = f"{item.label} " if item.label else ""
            if change and change.old and change.new and change.old.title != item.title:
                track.add_runs(heading, [("equal", label), ("delete", change.old.title), ("insert", item.title)])
            else:
                track.add_runs(heading, [(op, label + item.title)])
            if whole:
                track.mark_paragraph(heading, op)
        if entry.runs:
            paragraph = document.add_paragraph()
            if item.label and not item.title:
                track.add_runs(paragraph, [(op, item.label + " ")], bold=True)
            track.add_runs(paragraph, entry.runs)
            if whole:
                track.mark_paragraph(paragraph, op)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
