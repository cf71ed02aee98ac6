"""The recogniser: a reader's ``Source`` → what the policy file will hold, with every doubt noted.

In order: the title; the contents page (dropped: policygen generates it); the document-control
and version-history tables (typed fields, ``control.py``); then the body's sections and clauses
(``structure.py``). Nothing the reader found is dropped without a line in the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from policygen.importer import control as ctl
from policygen.importer.blocks import Block, Heading, Paragraph, Source, Table, Where
from policygen.importer.outline import Check, Node
from policygen.importer.structure import levels, outline

_CONTENTS = re.compile(r"^(table of )?contents$", re.I)
_PAGE_NUMBER = re.compile(r"(\t|\.{3,}|…|\s)\s*(\d{1,3}|[ivxlc]{1,5})$")


@dataclass
class Recognised:
    title: str
    document_control: dict
    review: dict
    version_history: list[dict]
    preamble: list[Node]
    sections: list[Node]
    levels: list[dict]
    section_levels: dict[int, list[dict]]
    checks: list[Check] = field(default_factory=list)  # about the document as a whole
    dropped: list[str] = field(default_factory=list)


def recognise(source: Source, front_sheet=(), history_sheet=()) -> Recognised:
    """``front_sheet`` and ``history_sheet`` are the organisation's own {label, field} rows, so
    its own labels are read back to the same fields."""
    checks: list[Check] = [Check(n.where, n.message) for n in source.notices]
    dropped: list[str] = []
    blocks = list(source.blocks)
    title = _title(source, blocks, checks)
    blocks = _without_contents(blocks, dropped)
    front_labels = ctl.own_labels(front_sheet, "document_control.")
    history_labels = ctl.own_labels(history_sheet, "")
    fields: dict = {"title": title}
    review: dict = {}
    history: list[dict] = []
    body: list[Block] = []
    seen_heading = False
    for i, block in enumerate(blocks):
        if isinstance(block, Heading):
            seen_heading = True
        if not isinstance(block, Table):
            body.append(block)
            continue
        columns = ctl.history_columns(block, history_labels)
        if columns is not None and not history:
            history = ctl.history(block, columns, checks)
            if body and isinstance(body[-1], Heading) and re.search(r"version|history|amendment|change", body[-1].text, re.I):
                dropped.append(f"{body[-1].where}: dropped the heading {body[-1].text!r}: policygen prints the version history under its own")
                body.pop()
            continue
        if not seen_heading and ctl.is_control_table(block, front_labels):
            found, found_review = ctl.control(block, front_labels, checks)
            for key, value in found.items():
                if key == "extra":
                    fields.setdefault("extra", []).extend(value)
                else:
                    fields.setdefault(key, value)
            for key, value in found_review.items():
                review.setdefault(key, value)
            continue
        body.append(block)
    tree = outline(body)
    policy_levels, overrides = levels(tree.root)
    return Recognised(title, fields, review, history, tree.preamble, tree.root.children, policy_levels, overrides,
                      checks + tree.pending, dropped)


def _title(source: Source, blocks: list[Block], checks: list[Check]) -> str:
    """The Title-styled heading, else the format's metadata title, else the file's name."""
    for i, block in enumerate(blocks):
        if isinstance(block, Heading) and block.title_style:
            del blocks[i]
            return _plain(block.text)
    if source.title:
        for i, block in enumerate(blocks[:3]):
            if isinstance(block, Heading) and _plain(block.text) == source.title:
                del blocks[i]
        return source.title
    stem = Path(source.file).stem.replace("-", " ").replace("_", " ").strip()
    checks.append(Check(Where(source.file), "no title in the document (no Title style or title property): the file's name was used"))
    return stem[:1].upper() + stem[1:]


def _without_contents(blocks: list[Block], dropped: list[str]) -> list[Block]:
    """The blocks less the contents page: a 'Contents' heading and the entries after it
    (text ending in a page number), and paragraphs the format marks as contents entries."""
    out: list[Block] = []
    in_contents = False
    entries = 0
    start = None
    for block in blocks:
        is_entry = isinstance(block, Paragraph) and ((block.style or "").lower().startswith(("toc", "contents")) or
                                                     (in_contents and bool(_PAGE_NUMBER.search(block.text))))
        if isinstance(block, (Heading, Paragraph)) and _CONTENTS.match(_plain(block.text)):
            in_contents, start = True, block.where
            continue
        if is_entry:
            entries += 1
            start = start or block.where
            continue
        if in_contents or entries:
            dropped.append(f"{start}: dropped the contents page ({entries} entries): policygen generates its own")
            in_contents, entries, start = False, 0, None
        out.append(block)
    return out


def _plain(text: str) -> str:
    return ctl.plain(text)
