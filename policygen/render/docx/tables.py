"""Tables for the DOCX renderer: Word tables in the Table Grid style, the header row
shaded and marked to repeat on every page, row headers bold on a light ground, and
column widths shared out as a browser's automatic table layout shares them (so a
table takes as many lines in Word as in the PDF the page numbers come from)."""

from __future__ import annotations

from dataclasses import dataclass

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from policygen.project import FONT_DIR
from policygen.render.docx import xml as X
from policygen.render.docx.styles import BODY_SIZE, TABLE_TEXT, TEXT_WIDTH

ROW_HEADER_FILL = "#E8EDEE"  # NHS pale grey, as the HTML's row headers
CHAR_TWIPS = 105  # an average character of 10.5 pt Arial / Liberation Sans
CELL_PADDING = 226 + 40  # 2 mm either side, and a little slack for another engine's rounding
ANSWER_MIN = 850  # 1.5 cm: an empty column of a form keeps room to write in


@dataclass
class Cell:
    """One table cell: ``text`` as plain text, or as Markdown when ``markdown``."""

    text: str = ""
    markdown: bool = False
    header: bool = False  # a row header: bold on a light ground
    centre: bool = False
    span: bool = False  # a row group's heading: the row's only cell, across the table
    url: str | None = None  # plain text that links to this web address
    bookmark_link: str | None = None  # or to this anchor's bookmark in the document
    anchor: str | None = None  # a bookmark on the cell, for links into the table


def header_rows(header: list[str] | list[list[str]] | None) -> list[list[str]]:
    """One row of headings, or several rows of them, as a list of rows."""
    if header and isinstance(header[0], str):
        return [header]
    return list(header or [])


class CellSink:
    """Adds paragraphs to a table cell, reusing the empty paragraph python-docx puts in it."""

    def __init__(self, cell) -> None:
        self.cell = cell
        self.used = False

    def add_paragraph(self):
        if not self.used:
            self.used = True
            return self.cell.paragraphs[0]
        return self.cell.add_paragraph()

    def add_table(self, rows: int, cols: int):
        self.used = True
        return self.cell.add_table(rows, cols)


class TableWriter:
    """The table half of ``Writer`` (which provides paragraph(), markdown() and the pending marks)."""

    def table(self, rows: list[list[Cell]], *, header: list[str] | list[list[str]] | None = None, caption: str | None = None,
              alt: str | None = None, widths: list[float] | None = None, sink=None):
        """A Word table (Table Grid) with repeating header rows (``header``: one row of headings or
        several) and shaded header cells; a row of one ``span`` cell heads a group of rows."""
        sink = sink or self.document
        if caption:
            self.paragraph(caption, "Caption", sink)
        else:
            self._before_table(sink)
        heads = header_rows(header)
        ncols = max([len(h) for h in heads] + [len(r) for r in rows if not _spans(r)]) or 1
        nrows = len(rows) + len(heads)
        table = sink.add_table(nrows, ncols)
        table.style = self.document.styles["Table Grid"]
        X.table_properties(table, caption=caption or alt, description=None)
        total = self.text_width if sink is self.document else self.text_width // 2
        fractions = widths or _column_weights([r for r in rows if not _spans(r)], heads, ncols)
        twips = [int(total * f) for f in fractions]
        grid = table._tbl.tblGrid
        for col, w in zip(grid.findall(X.qn("w:gridCol")), twips):
            col.set(X.qn("w:w"), str(w))
        for row, head in zip(table.rows, heads):
            self._header_row(row, head + [""] * (ncols - len(head)))
        for row, cells in zip(table.rows[len(heads):], rows):
            if _spans(cells):
                row.cells[0].merge(row.cells[ncols - 1])
            for c in range(1 if _spans(cells) else ncols):
                self._cell(row.cells[c], cells[c] if c < len(cells) else Cell())
        for row in table.rows:
            X.keep_row_together(row)
            for cell, width in _cell_widths(row, twips):
                X.cell_width(cell, width)
        if sink is self.document:
            self._after_table = True
        return table

    def _header_row(self, row, header: list[str]) -> None:
        """The column headings: repeated on each page, white bold on the house colour."""
        X.repeat_header(row)
        for cell, text in zip(row.cells, header):
            X.shade_cell(cell, self.colours.secondary)
            p = self.paragraph(style=TABLE_TEXT, sink=CellSink(cell))
            p.paragraph_format.space_after = Pt(0)
            r = X.run(text, bold=True)
            rPr = r.find(X.qn("w:rPr"))
            X.set_child(rPr, X.el("w:color", val="FFFFFF"), X.RPR_ORDER)
            p._p.append(r)

    def _cell(self, cell, spec: Cell) -> None:
        """One body cell: Markdown or plain text, a row header or group heading shaded and bold,
        never empty."""
        cell_sink = CellSink(cell)
        self.bookmark_next(spec.anchor)
        if spec.header or spec.span:
            X.shade_cell(cell, ROW_HEADER_FILL)
        if spec.markdown:
            self.markdown(spec.text, cell_sink, in_table=True)
            if spec.header:
                _bold_all(cell)
        else:
            p = self.paragraph(style=TABLE_TEXT, sink=cell_sink)
            if spec.text:
                self.linked_run(p, spec.text, spec.url, spec.bookmark_link, bold=spec.header or spec.span)
        if spec.centre:
            for p in cell.paragraphs:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if not cell_sink.used:
            self.paragraph(style=TABLE_TEXT, sink=cell_sink)
        cell.paragraphs[-1].paragraph_format.space_after = Pt(0)

    def _before_table(self, sink) -> None:
        """A table cannot carry a page break of its own, and two tables in a row would merge:
        give it an empty paragraph first when needed."""
        if sink is not self.document:
            return
        body = self.document.element.body
        previous = body[len(body) - 2] if len(body) > 1 else None
        if self._pending_break or (previous is not None and previous.tag == X.qn("w:tbl")):
            self._after_table = False
            p = self.paragraph(style="Normal")
            X.set_child(X.ppr(p), X.el("w:spacing", before="0", after="0"), X.PPR_ORDER)


def _spans(cells: list[Cell]) -> bool:
    return len(cells) == 1 and cells[0].span


def _cell_widths(row, twips: list[int]):
    """Each distinct cell of a row with its width: a merged cell (repeated in ``row.cells``) is
    as wide as the columns it spans."""
    cells: dict = {}
    for c, cell in enumerate(row.cells):
        cells.setdefault(cell._tc, [cell, 0])[1] += twips[c]
    return cells.values()


def _bold_all(cell) -> None:
    for r in cell._tc.iter(X.qn("w:r")):
        rPr = X.run_properties(r)
        X.set_child(rPr, X.el("w:b"), X.RPR_ORDER)


class _Metrics:
    """Advance widths of the bundled Liberation Sans (Arial's metrics), to size columns as the
    PDF's layout does; an average character width if the font files cannot be read."""

    def __init__(self) -> None:
        self.faces: dict[bool, tuple[dict, object, int] | None] = {}

    def width(self, text: str, bold: bool) -> int:
        """Twips ``text`` takes at the body size."""
        face = self.faces.get(bold, False)
        if face is False:
            face = self.faces[bold] = _load_face(bold)
        if face is None:
            return int(len(text) * CHAR_TWIPS * (1.1 if bold else 1.0))
        cmap, hmtx, units = face
        default = units // 2
        advance = sum(hmtx[cmap[ord(ch)]][0] if ord(ch) in cmap else default for ch in text)
        return int(advance / units * BODY_SIZE * 20)


def _load_face(bold: bool):
    try:
        from fontTools.ttLib import TTFont

        name = "LiberationSans-Bold.ttf" if bold else "LiberationSans-Regular.ttf"
        font = TTFont(str(FONT_DIR / name), lazy=True)
        return font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm
    except Exception:  # no fontTools or no font file: estimate
        return None


METRICS = _Metrics()


def _column_weights(rows: list[list[Cell]], heads: list[list[str]], ncols: int) -> list[float]:
    """Column widths as a browser's automatic table layout gives them (the PDF's tables):
    each column between its longest word and its longest line, the room shared in proportion.
    A column with nothing in it (a form's answer column) keeps room to write in."""
    longest_word = [0] * ncols
    longest_line = [0] * ncols
    empty = [True] * ncols
    for cells in rows:
        for c, cell in enumerate(cells[:ncols]):
            empty[c] = empty[c] and not cell.text.strip()
    for cells in [[Cell(h, header=True) for h in head] for head in heads] + rows:
        for c, cell in enumerate(cells[:ncols]):
            bold = cell.header
            for line in cell.text.splitlines() or [""]:
                longest_line[c] = max(longest_line[c], METRICS.width(line, bold))
            for word in cell.text.split():
                longest_word[c] = max(longest_word[c], METRICS.width(word, bold))
    low = [max(w + CELL_PADDING, ANSWER_MIN if blank else 0) for w, blank in zip(longest_word, empty)]
    high = [max(w, lw) + CELL_PADDING for w, lw in zip(longest_line, longest_word)]
    if sum(high) <= TEXT_WIDTH:  # everything fits on one line: widen in proportion to content
        widths = [h * TEXT_WIDTH / sum(high) for h in high]
    elif sum(low) >= TEXT_WIDTH:
        widths = [w * TEXT_WIDTH / sum(low) for w in low]
    else:
        spare = TEXT_WIDTH - sum(low)
        stretch = sum(h - w for h, w in zip(high, low)) or 1
        widths = [w + spare * (h - w) / stretch for h, w in zip(high, low)]
    return [w / TEXT_WIDTH for w in widths]
