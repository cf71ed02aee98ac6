"""The document in reading order with every change in place: what both redlines lay out.

Removed blocks are put back where they were, and a moved block appears at
both ends: at its old place as a "moved to" entry holding its old text, at its
new place as a "moved from" entry. Either is placed after the block that came
before it in the old version, if that block still exists and did not itself
move (else the nearest earlier one that stayed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policygen.diff.changes import Change, Item, PolicyDiff


@dataclass
class Entry:
    item: Item
    change: Change | None
    runs: list[tuple[str, str]]
    level: int  # heading level (2 = top-level section)
    end: str | None = None  # for a moved block: "from" (its old place) or "to" (its new place)

    @property
    def blocks(self) -> list["Para | ListBlock"]:
        return blocks(self.runs)


def _displaced(diff: PolicyDiff, moved: set[str]) -> set[str]:
    """Ids of new items that moved, or sit inside something that moved."""
    out: set[str] = set()
    for item in diff.new_items:  # parents come before their children
        if item.id in moved or item.parent in out:
            out.add(item.id)
    return out


def entries(diff: PolicyDiff) -> list[Entry]:
    by_id = {c.id: c for c in diff.changes}
    moved = {c.id for c in diff.changes if c.kind.startswith("moved")}
    new_ids = {i.id for i in diff.new_items}
    displaced = _displaced(diff, moved)
    depth: dict[str | None, int] = {None: 1, "#preamble": 1, "#appendices": 1, "#closing": 1}

    # removed items, and the old places of moved ones, hang off the nearest earlier old item that stayed
    after: dict[str | None, list[Item]] = {}
    anchor: str | None = None
    for item in diff.old_items:
        if item.id in new_ids and item.id not in displaced:
            anchor = item.id
        elif item.id not in new_ids or item.id in moved:
            after.setdefault(anchor, []).append(item)

    out: list[Entry] = []

    def emit(item: Item, change: Change | None) -> None:
        level = depth.get(item.parent, 1) + 1
        depth[item.id] = level if item.title else level - 1
        if change is None:
            runs = [("equal", item.text)] if item.text else []
        else:
            runs = change.words if item.text or change.kind != "reworded" else []
            runs = [r for r in runs if r[1]]
        end = "to" if item.id in moved else None
        out.append(Entry(item, change, runs, level, end))

    def emit_old(item: Item) -> None:
        change = by_id[item.id]
        if change.kind == "removed":
            emit(item, change)
            return
        # the old place of a moved block: its old text, at the depth its old parent had
        level = depth.get(item.parent, 1) + 1
        out.append(Entry(item, change, [("equal", item.text)] if item.text else [], level, "from"))

    for old_item in after.get(None, []):
        emit_old(old_item)
    for item in diff.new_items:
        emit(item, by_id.get(item.id))
        for old_item in after.get(item.id, []):
            emit_old(old_item)
    return out


# -- the text of an entry as paragraphs and real lists --------------------------------

_LIST_ITEM = re.compile(r"( *)([-*+]|(\d+)[.)]) +")


@dataclass
class Para:
    """A paragraph: (op, text) runs."""

    runs: list[tuple[str, str]]


@dataclass
class ListItem:
    runs: list[tuple[str, str]]
    lists: list["ListBlock"] = field(default_factory=list)  # lists nested in this item


@dataclass
class ListBlock:
    ordered: bool
    start: int
    items: list[ListItem]


def _drop(runs: list[tuple[str, str]], n: int) -> list[tuple[str, str]]:
    """The runs without their first ``n`` characters (a list item's marker)."""
    out = []
    for op, text in runs:
        cut = min(n, len(text))
        n -= cut
        if text[cut:]:
            out.append((op, text[cut:]))
    return out


def blocks(runs: list[tuple[str, str]]) -> list[Para | ListBlock]:
    """Changed text split into paragraphs and (nested) lists, with the Markdown list markers
    taken off, so that each redline writes real lists (ul/ol and li; Word list numbering).
    A line that does not start a list item and follows a non-blank line continues the
    paragraph or item before it (Markdown's soft line break)."""
    lines: list[list[tuple[str, str]]] = [[]]
    for op, text in runs:
        for k, part in enumerate(text.split("\n")):
            if k:
                lines.append([])
            if part:
                lines[-1].append((op, part))
    out: list[Para | ListBlock] = []
    stack: list[tuple[int, ListBlock]] = []  # open lists, innermost last, with their indent
    last: Para | ListItem | None = None
    for line in lines:
        plain = "".join(t for _, t in line)
        if not plain.strip():
            last = None
            continue
        marker = _LIST_ITEM.match(plain)
        if marker is None:
            if last is not None:
                last.runs += [("equal", " "), *_drop(line, len(plain) - len(plain.lstrip()))]
            else:
                stack.clear()
                last = Para(line)
                out.append(last)
            continue
        indent, ordered = len(marker[1]), marker[3] is not None
        last = ListItem(_drop(line, len(marker[0])))
        while stack and stack[-1][0] > indent:
            stack.pop()
        if stack and stack[-1][0] == indent and stack[-1][1].ordered == ordered:
            stack[-1][1].items.append(last)
            continue
        if stack and stack[-1][0] == indent:
            stack.pop()
        block = ListBlock(ordered, int(marker[3] or 1), [last])
        (stack[-1][1].items[-1].lists if stack else out).append(block)
        stack.append((indent, block))
    return out
