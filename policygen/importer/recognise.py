"""The recogniser: a reader's ``Source`` → what the policy file will hold, with every doubt noted.

In order: the title; the contents page (dropped: policygen generates it); the document-control
and version-history tables (typed fields, ``control.py``); then the body's sections and clauses
(``structure.py``). Nothing the reader found is dropped without a line in the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from policygen.importer import control as ctl
from policygen.importer import definitions, eia, roles
from policygen.importer.control import plain
from policygen.importer.blocks import Block, Heading, Paragraph, Source, Table, Where
from policygen.model.organisation import Style
from policygen.importer.outline import Check, IncludeHistory, Node
from policygen.importer.structure import levels, outline

_CONTENTS = re.compile(r"^(table of )?contents$", re.I)
_PAGE_NUMBER = re.compile(r"(\t|\.{3,}|…|\s)\s*(\d{1,3}|[ivxlc]{1,5})$")


@dataclass
class Recognised:
    title: str
    document_control: dict
    review: dict
    version_history: list[dict]
    summary: dict | None
    preamble: list[Node]
    sections: list[Node]
    levels: list[dict]
    section_levels: dict[int, list[dict]]
    checks: list[Check] = field(default_factory=list)  # about the document as a whole
    dropped: list[Check] = field(default_factory=list)  # what the house style regenerates, not imported
    roles: dict[str, str] = field(default_factory=dict)  # role titles its responsibilities name, by key
    eia: dict | None = None
    appendices: list[tuple[str, Node]] = field(default_factory=list)  # (label, the section it was)
    # The source's own labels, for a new organisation's house style: (label as written, style field path)
    front_sheet: list[tuple[str, str]] = field(default_factory=list)
    history_columns: list[tuple[str, str]] = field(default_factory=list)


def recognise(source: Source, style: Style | None = None) -> Recognised:
    """``style`` is the organisation's house style: its own front-sheet and version-sheet labels
    are read back to the same fields, and what it generates (its version sheet, controlled-document
    statement) is dropped rather than imported twice."""
    style = style or Style()
    reading = _Reading(source, style)
    blocks = list(source.blocks)
    title = _title(source, blocks, reading.checks)
    cut = next((i for i, b in enumerate(blocks) if _is_contents(b)), 0)  # front matter: what comes before the contents
    headings = {_entry_words(b.text) for b in blocks if isinstance(b, Heading)}
    front = reading.front(_without_contents(blocks[:cut], headings, reading.dropped))
    body = reading.body(_without_contents(blocks[cut:], headings, reading.dropped))
    front_tree, tree = outline(_with_captions(front)), outline(_with_captions(body))
    definitions.find(tree.root.children)
    assessment = eia.find(tree.root.children)
    appendices = _appendices(tree.root.children)
    policy_levels, overrides = levels(tree.root)
    return Recognised(title, {"title": title, **reading.fields}, reading.review, reading.history, reading.summary,
                      front_tree.preamble + front_tree.root.children + tree.preamble, tree.root.children, policy_levels,
                      overrides, reading.checks + front_tree.pending + tree.pending, reading.dropped,
                      roles.found_in(tree.root.children), assessment, appendices, reading.front_sheet, reading.history_columns)


class _Reading:
    """Takes the tables and passages the house style regenerates out of the block run, into fields."""

    def __init__(self, source: Source, style: Style) -> None:
        self.style = style
        self.checks: list[Check] = [Check(n.where, n.message) for n in source.notices]
        self.dropped: list[Check] = []
        self.fields: dict = {}
        self.review: dict = {}
        self.history: list[dict] = []
        self.summary: dict | None = None
        self.front_sheet: list[tuple[str, str]] = []
        self.history_columns: list[tuple[str, str]] = []
        self.front_labels = ctl.own_labels(style.front_sheet, "document_control.")
        self.history_labels = ctl.own_labels(style.version_history, "")
        self.generated = {_words(t) for t in (style.controlled_document, style.printed_copy_statement, style.end_marker) if t}
        self.generated_headings = {_words(t) for t in (style.controlled_document_title, style.version_history_title) if t}

    def front(self, blocks: list[Block]) -> list[Block]:
        """The front matter: control, signatories and summary tables into fields, the rest the preamble."""
        out: list[Block] = []
        for block in self._without_generated(blocks):
            if isinstance(block, Table) and not self._history(block, out):
                if ctl.is_control_table(block, self.front_labels):
                    self._control(block)
                elif ctl.signatories(block, self.fields):
                    pass
                elif self.summary is None and (rows := ctl.summary_rows(block)):
                    self.summary = {"rows": rows}
                    if out and isinstance(out[-1], Heading):
                        self.summary = {"title": plain(out.pop().text), **self.summary}
                else:
                    out.append(block)
            elif not isinstance(block, Table):
                out.append(block)
        return out

    def body(self, blocks: list[Block]) -> list[Block]:
        out: list[Block] = []
        seen_heading = False
        for block in self._without_generated(blocks):
            seen_heading = seen_heading or isinstance(block, Heading)
            if not isinstance(block, Table):
                out.append(block)
            elif not self._history(block, out):
                if not seen_heading and ctl.is_control_table(block, self.front_labels):
                    self._control(block)
                else:
                    out.append(block)
        return out

    def _history(self, table: Table, out: list[Block]) -> bool:
        """A version history table: its rows into ``version_history``; in the body, an ``include`` in its place."""
        columns = ctl.history_columns(table, self.history_labels)
        if columns is None or self.history:
            return False
        self.history = ctl.history(table, columns, self.checks)
        self.history_columns = ctl.history_headings(table, columns)
        if out and isinstance(out[-1], Heading) and _HISTORY_HEADING.search(out[-1].text) and "version_history" in self.style.blocks:
            self.dropped.append(Check(out[-1].where, f"dropped the heading {plain(out.pop().text)!r}: the house style prints the version history"))
        elif any(isinstance(b, Heading) for b in out):
            out.append(IncludeHistory(table.where))
        return True

    def _control(self, table: Table) -> None:
        found, found_review, labels = ctl.control(table, self.front_labels, self.checks)
        known = {path for _, path in self.front_sheet}
        for label, dotted in labels:  # a field an earlier table filled keeps that table's label
            path = dotted if dotted.startswith("review.") else f"document_control.{dotted}"
            if path not in known:
                self.front_sheet.append((label, path))
        for key, value in found.items():
            if key == "extra":
                self.fields.setdefault("extra", []).extend(value)
            else:
                self.fields.setdefault(key, value)
        for key, value in found_review.items():
            self.review.setdefault(key, value)

    def _without_generated(self, blocks: list[Block]) -> list[Block]:
        """Without what the house style prints itself: its controlled-document statement and end
        marker, and its version sheet or controlled-document heading with its table (any paragraph
        under it is kept, marked to check)."""
        out: list[Block] = []
        skipping = None
        for block in blocks:
            if isinstance(block, Heading):
                skipping = None
                if _words(block.text) in self.generated_headings and self._style_prints(block.text):
                    skipping = block
                    self.dropped.append(Check(block.where, f"dropped {plain(block.text)!r} and its table: the house style prints it"))
                    continue
            if isinstance(block, Paragraph) and _words(block.text) in self.generated:
                self.dropped.append(Check(block.where, f"dropped {plain(block.text)[:60]!r}: the house style prints it"))
                continue
            if skipping is not None and isinstance(block, Paragraph):
                # only the version table is what the house style prints: a copyright line or a
                # "Policy Statement" after it is the policy's own text
                block = replace(block, check=f"found under {plain(skipping.text)!r}, which the house style prints itself: "
                                             "kept, check where it belongs")
            elif skipping is not None and (not isinstance(block, Table) or self._history(block, [])):
                continue
            out.append(block)
        return out

    def _style_prints(self, heading: str) -> bool:
        part = "version_history" if _words(heading) == _words(self.style.version_history_title) else "controlled_document"
        return part in self.style.blocks


_HISTORY_HEADING = re.compile(r"version|history|amendment|change", re.I)


_APPENDIX = re.compile(r"^(?P<label>(?:appendix|annex|annexe|schedule)\s+(?:[A-Z]|\d{1,2}|[IVX]{1,4}))\b\s*(?:[–—:.-]\s*)?(?P<title>.*)$", re.I)


def _appendices(sections: list[Node]) -> list[tuple[str, Node]]:
    """The unnumbered 'Appendix A – Title' sections that end the body, taken out as appendices
    (label, section): policygen prints appendices after the sections, labelled as the source did."""
    found: list[tuple[str, Node]] = []
    while sections and sections[-1].mark is None and sections[-1].title and (m := _APPENDIX.match(sections[-1].title)):
        node = sections.pop()
        node.title = m["title"] or None
        found.insert(0, (m["label"], node))
    return found


def _words(text: str | None) -> str:
    return " ".join(re.findall(r"\w+", plain(text or "").lower()))


# A paragraph typed as a table's caption ("Table 1: Retention periods") when no style says so.
_TABLE_CAPTION = re.compile(r"^Table \d+\s*[:.–-]\s*\S", re.I)


def _with_captions(blocks: list[Block]) -> list[Block]:
    """Each table with its caption: a paragraph just above it styled Caption (HTML's <caption>,
    Word's Insert Caption) or typed "Table 1: …" becomes the table's ``caption``, printed with
    the table in every format, rather than a clause of its own."""
    out: list[Block] = []
    for block in blocks:
        above = out[-1] if out else None
        if isinstance(block, Table) and block.caption is None and isinstance(above, Paragraph) and above.auto is None and (
                (above.style or "").lower() == "caption" or _TABLE_CAPTION.match(plain(above.text))):
            out.pop()
            block = replace(block, caption=plain(above.text))
        out.append(block)
    return out


def _is_contents(block: Block) -> bool:
    return (isinstance(block, (Heading, Paragraph)) and bool(_CONTENTS.match(plain(block.text)))) or (
        isinstance(block, Paragraph) and (block.style or "").lower().startswith("toc"))


def _title(source: Source, blocks: list[Block], checks: list[Check]) -> str:
    """The Title-styled heading, else the format's metadata title, else the file's name."""
    for i, block in enumerate(blocks):
        if isinstance(block, Heading) and block.title_style:
            del blocks[i]
            return plain(block.text)
    if source.title:
        for i, block in enumerate(blocks[:3]):
            if isinstance(block, Heading) and plain(block.text) == source.title:
                del blocks[i]
        return source.title
    stem = Path(source.file).stem.replace("-", " ").replace("_", " ").strip()
    checks.append(Check(Where(source.file), "no title in the document (no Title style or title property): the file's name was used"))
    return stem[:1].upper() + stem[1:]


def _without_contents(blocks: list[Block], headings: set[str], dropped: list[Check]) -> list[Block]:
    """The blocks less the contents page: a 'Contents' heading and its entries (text ending in a
    page number, or naming a heading of the document), a note between the two, and paragraphs
    the format marks as contents entries."""
    out: list[Block] = []
    in_contents = False
    entries = 0
    start = None
    note: Block | None = None
    for block in blocks:
        text = block.text if isinstance(block, (Heading, Paragraph)) else ""
        is_entry = isinstance(block, Paragraph) and ((block.style or "").lower().startswith(("toc", "contents")) or (
            in_contents and (bool(_PAGE_NUMBER.search(text)) or _entry_words(text) in headings)))
        if isinstance(block, (Heading, Paragraph)) and _CONTENTS.match(plain(text)):
            in_contents, start = True, block.where
            continue
        if is_entry:
            entries += 1
            start = start or block.where
            continue
        if in_contents and not entries and note is None and isinstance(block, Paragraph):
            note = block  # "Click a title to go to its section": dropped with the page if entries follow
            continue
        if in_contents or entries:
            if note is not None and not entries:
                out.append(note)
            dropped.append(Check(start, f"dropped the contents page ({entries} entries"
                                 f"{' and the note above them' if note is not None and entries else ''}): policygen generates its own"))
            in_contents, entries, start, note = False, 0, None, None
        out.append(block)
    return out


def _entry_words(text: str) -> str:
    """A contents entry or heading as words, without its number or page number: what the two share."""
    words = _words(_PAGE_NUMBER.sub("", plain(text))).split()
    while words and re.fullmatch(r"\d+|[ivxlc]+|[a-z]", words[0]):
        words.pop(0)
    return " ".join(words)
