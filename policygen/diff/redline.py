"""The document in reading order with every change in place: what both redlines lay out.

Removed blocks are put back where they were: after the block that came
before them in the old version, if it still exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from policygen.diff.changes import Change, Item, PolicyDiff


@dataclass
class Entry:
    item: Item
    change: Change | None
    runs: list[tuple[str, str]]
    level: int  # heading level (2 = top-level section)


def entries(diff: PolicyDiff) -> list[Entry]:
    by_id = {c.id: c for c in diff.changes}
    new_ids = {i.id for i in diff.new_items}
    depth: dict[str | None, int] = {None: 1, "#preamble": 1, "#appendices": 1}

    # removed items hang off the nearest earlier old item that survives
    after: dict[str | None, list[Item]] = {}
    anchor: str | None = None
    for item in diff.old_items:
        if item.id in new_ids:
            anchor = item.id
        else:
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
        out.append(Entry(item, change, runs, level))

    for removed in after.get(None, []):
        emit(removed, by_id[removed.id])
    for item in diff.new_items:
        emit(item, by_id.get(item.id))
        for removed in after.get(item.id, []):
            emit(removed, by_id[removed.id])
    return out
