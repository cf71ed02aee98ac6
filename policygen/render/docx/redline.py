"""Redline DOCX: the changes as real Word tracked changes, in the organisation's house style.

Insertions and deletions are ``w:ins`` / ``w:del``, a moved block is Word
move tracking (``w:moveFrom`` at its old place, ``w:moveTo`` at its new one,
joined by a named move range), each with the author and date of the later
revision. Word's and LibreOffice's "accept all changes" turn the document into
the new text; "reject all" turn it back into the old. The page, styles,
running header and footer and the reproducible package are the build DOCX's
own (``document``, ``styles``, ``package``), so a redline looks like the
policy it marks up and the same revisions always give the same bytes.
"""

from __future__ import annotations

from itertools import count

from docx.oxml.ns import qn

from policygen.diff import PolicyDiff
from policygen.diff.files import IDENTITY_MARK
from policygen.diff.redline import Entry, ListBlock, Para, entries
from policygen.render.docx import xml as X
from policygen.render.docx.document import header_footer, new_document
from policygen.render.docx.package import package_bytes, set_properties
from policygen.render.docx.styles import CLAUSE, CLAUSE_CONTINUE, NUMBER_INDENT
from policygen.render.docx.tables import Cell
from policygen.render.docx.text import Writer, heading_text

WHOLE = {"added": "insert", "removed": "delete"}
MARK = {"insert": "w:ins", "delete": "w:del", "from": "w:moveFrom", "to": "w:moveTo"}


class _Tracker:
    """Tracked-change marks with one author and date, numbered in document order."""

    def __init__(self, author: str, date: str) -> None:
        self.author, self.date = author, date
        self.ids = count(1)
        self.move_names: dict[str, str] = {}

    def mark(self, tag: str, **attrs: str):
        el = X.el(tag, id=str(next(self.ids)), author=self.author, **attrs)
        if self.date:
            el.set(qn("w:date"), self.date)
        return el

    @staticmethod
    def run(text: str, deleted: bool = False, bold: bool = False):
        r = X.run(text, bold=bold)
        if deleted:  # deleted text is w:delText, or Word reports the file as corrupt
            for t in r.findall(qn("w:t")):
                t.tag = qn("w:delText")
        return r

    def add_runs(self, paragraph, runs: list[tuple[str, str]], bold: bool = False) -> None:
        """equal / insert / delete runs as plain, w:ins and w:del runs."""
        for op, text in runs:
            if op == "equal":
                paragraph._p.append(self.run(text, bold=bold))
            else:
                wrapper = self.mark(MARK[op])
                wrapper.append(self.run(text, deleted=op == "delete", bold=bold))
                paragraph._p.append(wrapper)

    def move_range(self, first, last, change_id: str, end: str) -> None:
        """Join one end of a move into a named range from the first paragraph to the last;
        the other end carries the same name, which is what makes it a move."""
        name = self.move_names.setdefault(change_id, f"move{len(self.move_names) + 1}")
        tag = "w:moveFromRange" if end == "from" else "w:moveToRange"
        start = self.mark(tag + "Start", name=name)
        X.enclose(first, last, start, X.el(tag + "End", id=start.get(qn("w:id"))))

    def mark_paragraph(self, paragraph, op: str) -> None:
        """Track the paragraph mark itself, so accepting a deletion leaves no empty paragraph."""
        X.run_properties_of_paragraph(paragraph).append(self.mark(MARK[op]))


def render_redline_docx(diff: PolicyDiff, old_label: str, new_label: str, author: str, date: str, *,
                        comparison: str) -> bytes:
    """``comparison`` (see policygen.diff.files) goes in the comments property, so a later run knows who made it."""
    doc = diff.new
    document = new_document(doc)
    writer = Writer(document, doc)
    track = _Tracker(author, date)
    title = f"Changes to {doc.title}"
    writer.paragraph(title, "Title")
    writer.paragraph(f"{doc.org.name}: from {old_label} to {new_label}.")
    if diff.changes:
        writer.heading(2, None, "Summary of changes")
        writer.bullet_list([c.describe() for c in diff.changes])
    if diff.fields:
        writer.heading(2, None, "Document control changes")
        table = writer.table([[Cell(f.field, header=True), Cell(), Cell()] for f in diff.fields],
                             header=["Field", "Before", "After"], alt="Fields changed, before and after")
        for row, f in zip(table.rows[1:], diff.fields):
            if f.old is not None:
                track.add_runs(row.cells[1].paragraphs[0], [("delete", f.old)])
            if f.new is not None:
                track.add_runs(row.cells[2].paragraphs[0], [("insert", f.new)])
    if diff.changes:
        writer.heading(2, None, "The text with changes marked")
        for entry in entries(diff):
            _entry(writer, track, entry)
    header_footer(document, doc, 1, [title, *([doc.reference] if doc.reference else []), f"{old_label} to {new_label}"])
    set_properties(document, doc)
    props = document.core_properties
    props.title = title
    props.subject = f"{doc.org.name}: {doc.title}, {old_label} to {new_label}"
    props.comments = IDENTITY_MARK + comparison
    return package_bytes(document, doc)


def _entry(writer: Writer, track: _Tracker, entry: Entry) -> None:
    """One block: its heading, then its text as paragraphs and real Word lists, every paragraph
    tracked as a whole when the block was added, removed or moved."""
    item, change = entry.item, entry.change
    whole = WHOLE.get(change.kind if change else "")
    written = []

    def fill(p, runs: list[tuple[str, str]], prefix: str = "") -> None:
        if entry.end == "from":  # the old text, moved away
            runs = [("from", t) for op, t in runs if op != "insert"]
        elif entry.end == "to":  # the new text, moved here; words added since are insertions in the move
            runs = [("to" if op == "equal" else op, t) for op, t in runs if op != "delete"]
        elif whole:
            runs = [(whole, t) for _, t in runs]
        if prefix:
            track.add_runs(p, [(entry.end or whole or "equal", prefix)], bold=True)
        track.add_runs(p, runs)
        ops = {op for op, _ in runs}
        mark = entry.end or whole or (ops.pop() if len(ops) == 1 and ops <= {"insert", "delete"} else None)
        if mark:
            track.mark_paragraph(p, mark)
        written.append(p)

    if item.title:
        heading = writer.paragraph(style=f"Heading {min(entry.level, 4)}")  # under "The text with changes marked"
        if change and change.old and change.new and change.old.title != item.title and not entry.end:
            track.add_runs(heading, [("equal", heading_text(item.label, "")), ("delete", change.old.title), ("insert", item.title)])
            written.append(heading)
        else:
            fill(heading, [("equal", heading_text(item.label, item.title))])
    numbered = bool(item.label and not item.title)
    label = item.label + "\t" if numbered else ""
    indent = NUMBER_INDENT if numbered else 0

    def write_list(block: ListBlock, level: int) -> None:
        num_id = writer.lists.ordered(block.start) if block.ordered else writer.lists.bullet_num
        for li in block.items:
            fill(writer.list_item(num_id, level, block.ordered, indent), li.runs)
            for sub in li.lists:
                write_list(sub, level + 1)
        if level == 0:  # no space between the items of a list, a line after it (as the build DOCX)
            written[-1].paragraph_format.space_after = None

    for k, block in enumerate(entry.blocks):
        first = k == 0
        if isinstance(block, Para):
            style = (CLAUSE if first else CLAUSE_CONTINUE) if numbered else None
            fill(writer.paragraph(style=style), block.runs, label if first else "")
        else:
            if first and numbered:  # the number on a line of its own above a list
                fill(writer.paragraph(style=CLAUSE), [], label)
            write_list(block, 0)
    if entry.end and written:
        track.move_range(written[0], written[-1], change.id, entry.end)
