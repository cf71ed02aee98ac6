"""The parts of a policy in Word, in the order and with the content the HTML templates give them.

One method per entry of ``style.blocks`` (title, front_sheet, signatories,
controlled_document, summary, version_history, contents, preamble, sections,
appendices, closing, end_marker), one per body node kind, and one per generated part a
section can include (eia, version_history, associated_documents, references).
"""

from __future__ import annotations

from docx.shared import Pt
from docx.text.paragraph import Paragraph

from policygen.render.docx import xml as X
from policygen.render.docx.styles import BODY_SIZE, BOXED, END_MARKER, HEADING_PREFIX, TOC_STEP, box, toc_indent
from policygen.render.docx.tables import Cell
from policygen.render.docx.text import LOGO_HEIGHT, Writer, heading_text
from policygen.resolve import DocumentView
from policygen.resolve.view import ContentsEntry, Node

CLOSING_RULE = "#768692"  # the HTML's rule above the closing notes

TICK = "\u2713"
# Blocks that start a new page, as in the PDF's print layout (print.css.j2); every appendix does too.
PAGE_BREAK_BEFORE = ("contents", "sections")
DEFINITION_INDENT = 315  # 1.5 rem
FORM_WIDTHS = [0.4, 0.6]  # a form's question | answer table: room to write the answer
CONTENTS_RANGE = "Contents_range"  # bookmark around the parts the contents lists (TOC \b)


class Parts:
    def __init__(self, writer: Writer, doc: DocumentView, pages: dict[str, int]) -> None:
        self.w = writer
        self.doc = doc
        self.pages = pages
        self.written: list[str] = []  # blocks written so far
        self.range_start = self.range_end = None  # first and last body elements the contents lists

    def block(self, name: str) -> None:
        body = self.w.document.element.body
        before = len(body) - 1  # the final w:sectPr stays last
        # As in print.css.j2, a title with nothing under it does not get a page to itself.
        if name in PAGE_BREAK_BEFORE and self.written and (name, self.written[-1]) != ("sections", "title"):
            self.w.page_break_next()
        getattr(self, name)()
        if name in ("sections", "appendices") and len(body) - 1 > before:
            if self.range_start is None:
                self.range_start = body[before]
            self.range_end = body[len(body) - 2]
        self.written.append(name)

    # -- front matter ------------------------------------------------------------

    def title(self) -> None:
        style = self.doc.style
        if self.doc.logo:
            self.w.picture(self.doc.logo, height=LOGO_HEIGHT)
        for text in (style.logo_text, style.heading_prefix):
            if text:
                self.w.paragraph(text, HEADING_PREFIX)
        self.w.paragraph(self.doc.title, "Title")
        if self.doc.org.on_behalf_of:
            self.w.paragraph(f"On behalf of {self.doc.org.on_behalf_of}", "Subtitle")
        if self.doc.adopts:
            self.w.paragraph(self.doc.adopts, "Subtitle")
        if self.doc.standing:
            self.w.paragraph(self.doc.standing, "Subtitle")

    def front_sheet(self) -> None:
        if not self.doc.front_sheet:
            return
        rows = [[Cell(r.label, header=True), Cell(r.value)] for r in self.doc.front_sheet]
        self.w.table(rows, alt="Document control", widths=[0.28, 0.72])

    def signatories(self) -> None:
        if not self.doc.signatories:
            return
        rows = [[Cell(r[0], header=True)] + [Cell(v) for v in r[1:]] for r in self.doc.signatories]
        self.w.table(rows, header=["", "Name", "Role and Organisation", "Date"],
                     alt="Author, reviewers and authoriser")

    def controlled_document(self) -> None:
        style = self.doc.style
        if not style.controlled_document:
            return
        if style.controlled_document_title:
            h = self.w.heading(2, None, style.controlled_document_title)
            box(X.ppr(h), style.colours.secondary)  # the heading inside the box, as the HTML
            h.paragraph_format.space_before = Pt(BODY_SIZE)
        self.w.paragraph(style.controlled_document, BOXED)

    def summary(self) -> None:
        summary = self.doc.policy.summary
        if not summary:
            return
        if summary.title:
            self.w.heading(2, None, summary.title, "summary")
        else:
            self.w.bookmark_next("summary")
        rows = [[Cell(r.label, header=True), Cell(r.text, markdown=True)] for r in summary.rows]
        self.w.table(rows, alt=summary.title or "Summary", widths=[0.28, 0.72])

    def version_history(self) -> None:
        self.w.heading(2, None, self.doc.style.version_history_title, "version-history")
        self.version_table()

    def contents(self) -> None:
        self.w.heading(2, None, self.doc.style.contents_title)
        if self.doc.style.contents_note:
            self.w.paragraph(self.doc.style.contents_note)
        self.toc()

    def toc(self) -> None:
        """A real TOC field whose cached result is the filled-in contents.

        Word shows the cached entries as they are (no "update fields" prompt, as
        w:updateFields is not set) and rebuilds them from the Heading styles
        within the body's bookmark when the reader chooses "Update table".
        """
        depth = self.doc.style.contents_depth
        instruction = f'TOC \\o "1-{depth}" \\h \\z \\u \\b {CONTENTS_RANGE}'
        entries = list(_flatten(self.doc.contents, 1))
        if not entries:
            p = self.w.paragraph(style="toc 1")
            for r in X.field_runs(instruction, ""):
                p._p.append(r)
            return
        for i, (level, entry) in enumerate(entries):
            p = self.w.paragraph(style=f"toc {min(level, 3)}")
            if not entry.label and self.doc.numbered:
                # An unnumbered entry among numbered ones: its title starts where the numbers do
                # (firstLine 0 undoes the style's hanging number, which would pull it into the margin).
                X.set_child(X.ppr(p), X.el("w:ind", left=str(TOC_STEP * (min(level, 3) - 1)), firstLine="0"), X.PPR_ORDER)
                tabs = X.el("w:tabs")
                tabs.append(X.el("w:tab", val="clear", pos=str(toc_indent(min(level, 3)))))
                X.set_child(X.ppr(p), tabs, X.PPR_ORDER)
            if i == 0:
                p._p.extend([X.field_begin(), X.field_instruction(instruction), X.field_separate()])
            bookmark = X.bookmark_name(entry.anchor)
            link = X.internal_link(bookmark)
            link.append(X.run(heading_text(entry.label, entry.title)))
            page = self.pages.get(entry.anchor)
            if page is not None:
                link.append(X.run("\t"))
                link.extend(X.field_runs(f"PAGEREF {bookmark} \\h", str(page)))
            p._p.append(link)
            if i == len(entries) - 1:
                p._p.append(X.field_end())

    # -- body -------------------------------------------------------------------

    def preamble(self) -> None:
        self.nodes(self.doc.preamble)

    def sections(self) -> None:
        self.nodes(self.doc.sections)

    def closing(self) -> None:
        """Closing notes, set off from the last appendix by a rule above, as the HTML's."""
        body = self.w.document.element.body
        start = len(body) - 1  # before the final section properties
        self.nodes(self.doc.closing)
        first = next((el for el in list(body)[start:] if el.tag == X.qn("w:p")), None)
        if first is not None:
            X.paragraph_border(first.get_or_add_pPr(), ("top",), CLOSING_RULE, size_eighths=6)
            Paragraph(first, None).paragraph_format.space_before = Pt(24)

    def nodes(self, nodes: list[Node]) -> None:
        for n in nodes:
            self.node(n, 2)

    def appendices(self) -> None:
        for i, a in enumerate(self.doc.appendices):
            if i or self.written:
                self.w.page_break_next()
            self.w.heading(a.heading_level, a.label, a.title, a.anchor)
            if a.block.missing and not a.children:
                self.w.paragraph(a.block.missing, italic=True)
            for c in a.children:
                self.node(c, a.heading_level + 1)

    def end_marker(self) -> None:
        if self.doc.style.end_marker:
            self.w.paragraph(self.doc.style.end_marker, END_MARKER)

    def node(self, n: Node, level: int) -> None:
        w = self.w
        if n.kind == "section":
            if n.title:
                w.heading(n.heading_level, n.label, n.title, n.anchor)
                if n.block.text:
                    w.markdown(n.block.text)
            elif n.block.text:
                w.bookmark_next(n.anchor)
                w.markdown(n.block.text, label=n.label)
            else:
                w.bookmark_next(n.anchor)
            child_level = n.heading_level + 1 if n.heading_level else level
            for c in n.children:
                self.node(c, child_level)
        elif n.kind == "clause":
            w.bookmark_next(n.anchor)
            w.markdown(n.block.text, label=n.label, identifier=n.identifier)
        elif n.kind == "table":
            t = n.table
            w.bookmark_next(n.anchor)
            rows = []
            for g in t.groups:
                rows += [[Cell(g.heading, span=True)]] if g.heading else []
                rows += [[Cell(c.marked_text, markdown=True, header=c.header) for c in r] for r in g.rows]
            w.table(rows, header=t.header_rows or None, caption=t.caption, widths=t.widths)
        elif n.kind == "definitions":
            w.bookmark_next(n.anchor)
            terms = n.block.terms
            for k, d in enumerate(terms):  # as the HTML's dl: dt .5 rem apart, dd 1.5 rem in
                p = w.paragraph(d.term, bold=True)
                X.keep_with_next(p)
                p.paragraph_format.space_after = Pt(0)
                if k:
                    p.paragraph_format.space_before = Pt(BODY_SIZE / 2)
                w.markdown(d.definition, indent=DEFINITION_INDENT)
                if k < len(terms) - 1:
                    w.last_paragraph().paragraph_format.space_after = Pt(0)
        elif n.kind == "figure":
            w.bookmark_next(n.anchor)
            w.picture(n.picture)
        elif n.kind == "include":
            w.bookmark_next(n.anchor)
            getattr(self, "include_" + n.block.include)(level)

    # -- generated parts ----------------------------------------------------------

    def version_table(self) -> None:
        doc = self.doc
        if doc.version_rows:
            rows = [[Cell(v) for v in r] for r in doc.version_rows]
            self.w.table(rows, header=doc.version_columns, alt="Version history")
        else:
            self.w.paragraph("No earlier versions are recorded.")

    def include_version_history(self, level: int) -> None:
        self.version_table()

    def include_associated_documents(self, level: int) -> None:
        items = [" ".join(p for p in (d.reference, d.title) if p) for d in self.doc.policy.associated_documents]
        self.w.bullet_list(items)

    def include_references(self, level: int) -> None:
        refs = self.doc.references
        rows = [[Cell(text, url=url, anchor=r.anchor if i == 0 else None) for i, (text, url) in enumerate(refs.cells(r))]
                for r in refs.rows]
        self.w.table(rows, header=refs.header, alt="References", widths=refs.widths)
        if self.doc.mapping_follows_references:
            self.include_standards_mapping(level)

    def include_standards_mapping(self, level: int) -> None:
        rows = [[Cell(r.standard, bookmark_link=r.standard_anchor), Cell(r.clause), Cell(r.number, bookmark_link=r.anchor), Cell(r.heading)]
                for r in self.doc.standards_mapping]
        if rows:
            self.w.table(rows, header=self.doc.mapping_header, caption="Standards mapping")
        else:
            self.w.paragraph(self.doc.no_mapping)

    def include_eia(self, level: int) -> None:
        eia = self.doc.eia
        if eia is None:
            return
        w = self.w
        if eia.title:
            w.heading(level or 3, None, eia.title, "eia-title")
        if eia.subtitle:
            w.paragraph(eia.subtitle)
        for part in eia.parts:
            form = part.form
            if part.kind == "fields":
                rows = [[Cell(f.label, markdown=True, header=True), Cell(f.value or "", markdown=True)] for f in form.fields]
                w.table(rows, alt="Assessment details", widths=FORM_WIDTHS)
            elif part.kind == "assessors":
                rows = [[Cell(a.name), Cell(a.job_role or ""), Cell(a.department or "")] for a in form.assessors]
                w.table(rows, header=["Name(s)", "Job role", "Department"],
                        caption=form.title or "Assessment carried out by")
            elif part.kind == "grid":
                g = form.grid
                ticks = [[Cell(TICK if r.impact == i else "", centre=True) for i in ("positive", "neutral", "negative")] for r in g.rows]
                rows = [[Cell(r.label, markdown=True, header=True), *t, Cell(r.evidence or "", markdown=True)] for r, t in zip(g.rows, ticks)]
                w.table(rows, header=[g.group_label, g.positive_label, g.neutral_label, g.negative_label, g.evidence_label],
                        caption=g.title or "Impact on equality groups")
            elif part.kind == "questions":
                qs = form.questions
                rows = [[Cell(r.number), Cell(r.question, markdown=True), Cell(r.answer), Cell(r.comment, markdown=True)]
                        for r in part.rows]
                w.table(rows, header=["No.", qs.question_label, qs.answer_label, qs.comment_label],
                        alt="Equality questions")
            elif part.kind == "choice":
                ch = form.choice
                cells = [Cell(ch.question, markdown=True, header=True)]
                cells += [Cell(TICK if ch.chosen == o else "", centre=True) for o in ch.options]
                w.table([cells], header=[""] + list(ch.options), alt=ch.question)
            elif part.kind == "heading":
                w.heading((level or 3) + eia.heading_step, None, form.heading, None)
            else:
                w.markdown(form.text)


def _flatten(entries: list[ContentsEntry], level: int):
    for e in entries:
        yield level, e
        yield from _flatten(e.children, level + 1)


__all__ = ["CONTENTS_RANGE", "Parts"]
