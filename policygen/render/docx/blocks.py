"""The block tokens of one clause's Markdown as Word paragraphs, real lists and tables.

Driven by ``text.Writer.markdown``, which chooses the styles; the runs inside
each paragraph are the writer's (``Writer.inline_runs``).
"""

from __future__ import annotations

from docx.shared import Pt, Twips

from policygen.render.docx import xml as X
from policygen.render.docx.styles import BODY_SIZE, CLAUSE, CLAUSE_CONTINUE, LIST_STEP, MONO, TABLE_TEXT
from policygen.render.docx.tables import Cell
from policygen.resolve.text import Token

IDENTIFIER_SPACE_AFTER = 60  # twips: the HTML's .25 rem under a statement identifier


class MarkdownBlocks:
    """Block tokens of one Markdown text → paragraphs, lists and tables."""

    def __init__(self, writer, sink, tokens: list[Token], label: str | None, style: str,
                 continue_style: str, indent: int, in_table: bool) -> None:
        self.w = writer
        self.sink = sink
        self.tokens = tokens
        self.label = label
        self.style = style
        self.continue_style = continue_style
        self.indent = indent
        self.in_table = in_table
        self.first = True
        self.lists: list[tuple[bool, int]] = []  # (ordered, numId) per open list
        self.quotes = 0  # block quotes open around the next paragraph
        self.item_start = False
        self.last = None  # the paragraph written last

    def run(self) -> None:
        tokens = self.tokens
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            kind = tok.type
            if kind in ("paragraph_open", "heading_open"):
                inline = tokens[i + 1]
                self.text_paragraph(inline.children or [], bold=kind == "heading_open")
                i += 3
                continue
            if kind == "bullet_list_open":
                self.lists.append((False, self.w.lists.bullet_num))
            elif kind == "ordered_list_open":
                start = int(tok.attrs.get("start", 1) or 1)
                self.lists.append((True, self.w.lists.ordered(start)))
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
                if not self.lists and self.last is not None:
                    # No space between the items of a list, a line after it (as the CSS margins).
                    self.last.paragraph_format.space_after = None if not self.in_table else Pt(BODY_SIZE)
            elif kind == "list_item_open":
                self.item_start = True
            elif kind == "blockquote_open":
                self.quotes += 1
            elif kind == "blockquote_close":
                self.quotes -= 1
            elif kind in ("code_block", "fence"):
                p = self._new_paragraph()
                p._p.append(X.run(tok.content.rstrip("\n"), mono=MONO))
            elif kind == "table_open":
                end = _matching_close(tokens, i, "table_open", "table_close")
                self.markdown_table(tokens[i:end + 1])
                i = end + 1
                continue
            elif kind == "inline":  # stray inline (should not happen outside a paragraph)
                self.text_paragraph(tok.children or [])
            i += 1
        if self.first and self.label:  # a clause whose text is empty still shows its number
            self._new_paragraph()

    def _new_paragraph(self):
        if self.lists:
            ordered, num_id = self.lists[-1]
            level = min(len(self.lists) - 1, 2)
            base = 0 if self.in_table else self.indent
            if self.item_start:
                p = self.w.list_item(num_id, level, ordered, base, self.sink, self.in_table)
                self.item_start = False
            else:
                style = TABLE_TEXT if self.in_table else "List Continue" + ("" if level == 0 else f" {level + 1}")
                p = self.w.paragraph(style=style, sink=self.sink)
                p.paragraph_format.space_after = Pt(0)
                X.indent(p, base + LIST_STEP * (level + 1))
            self.last = p
            self.first = False
            return p
        style = self.style if self.first else self.continue_style
        p = self.w.paragraph(style=style, sink=self.sink)
        self.last = p
        if self.first and self.label:
            p._p.append(X.run(self.label + "\t", bold=True))
        elif self.quotes:
            # A block quote is inset a browser's 40 px on both sides, as in the HTML and PDF.
            p.paragraph_format.left_indent = Twips(self.indent + LIST_STEP * self.quotes)
            p.paragraph_format.right_indent = Twips(LIST_STEP * self.quotes)
        elif self.indent and style not in (CLAUSE, CLAUSE_CONTINUE):
            p.paragraph_format.left_indent = Twips(self.indent)
        self.first = False
        return p

    def first_line(self, text: str) -> None:
        """A bold line of its own (a statement identifier) before the text, after any label, kept
        on the page with the text it names."""
        p = self._new_paragraph()
        p._p.append(X.run(text, bold=True))
        p.paragraph_format.keep_with_next = True
        p.paragraph_format.space_after = Twips(IDENTIFIER_SPACE_AFTER)

    def text_paragraph(self, children: list[Token], bold: bool = False) -> None:
        p = self._new_paragraph()
        self.w.inline_runs(p, children)
        if bold:
            _bold_all_runs(p)

    def markdown_table(self, tokens: list[Token]) -> None:
        header: list[str] = []
        rows: list[list[Cell]] = []
        current: list[Cell] | None = None
        in_head = False
        for i, tok in enumerate(tokens):
            if tok.type == "thead_open":
                in_head = True
            elif tok.type == "thead_close":
                in_head = False
            elif tok.type == "tr_open":
                current = []
            elif tok.type == "tr_close" and current is not None:
                if not in_head:
                    rows.append(current)
                current = None
            elif tok.type == "inline" and current is not None:
                if in_head:
                    header.append(tok.content)
                else:
                    current.append(Cell(tok.content, markdown=True))
        if self.first and self.label:
            self._new_paragraph()
        self.w.table(rows, header=header or None, sink=self.sink if self.sink is not self.w.document else None)
        self.first = False


def _bold_all_runs(p) -> None:
    for r in p._p.iter(X.qn("w:r")):
        rPr = X.run_properties(r)
        X.set_child(rPr, X.el("w:b"), X.RPR_ORDER)


def _matching_close(tokens: list[Token], start: int, open_type: str, close_type: str) -> int:
    depth = 0
    for j in range(start, len(tokens)):
        if tokens[j].type == open_type:
            depth += 1
        elif tokens[j].type == close_type:
            depth -= 1
            if depth == 0:
                return j
    return len(tokens) - 1
