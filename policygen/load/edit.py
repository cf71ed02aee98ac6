"""Round-trip editing of a policy file: change values, keep every comment, key order and blank line.

ruamel.yaml's round-trip mode keeps what the author wrote; the settings here
match how the shipped files are indented so an unchanged load and dump gives
back the same bytes (a test checks this for every shipped file).
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from policygen.model.base import PolicyDate


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap an author's long line
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load(text: str) -> CommentedMap:
    return _yaml().load(text)


def dump(tree: CommentedMap) -> str:
    out = io.StringIO()
    _yaml().dump(tree, out)
    return out.getvalue()


def yaml_date(date: PolicyDate) -> Any:
    """A date as YAML writes it unquoted: a full date as a date, a month as text."""
    return dt.date(date.year, date.month, date.day) if date.day else date.iso()


def child_map(parent: CommentedMap, key: str, *, after: str | None = None) -> CommentedMap:
    """parent[key] as a mapping, created (after ``after`` if given) when missing."""
    if not isinstance(parent.get(key), CommentedMap):
        value = CommentedMap()
        keys = list(parent.keys())
        if key in parent:
            parent[key] = value
        elif after in keys:
            parent.insert(keys.index(after) + 1, key, value)
        else:
            parent[key] = value
    return parent[key]


def set_value(mapping: CommentedMap, key: str, value: Any, *, after: str | None = None) -> None:
    """Set a key, keeping its place if it exists, else placing it after ``after`` (or last)."""
    if key in mapping or after not in mapping:
        mapping[key] = value
    else:
        mapping.insert(list(mapping.keys()).index(after) + 1, key, value)


def append_row(parent: CommentedMap, key: str, row: dict[str, Any], *, after: str | None = None) -> None:
    """Append a mapping to the list at parent[key], switching an empty ``[]`` to block style."""
    seq = parent.get(key)
    if not isinstance(seq, CommentedSeq):
        seq = CommentedSeq()
        set_value(parent, key, seq, after=after)
    if not seq:
        seq.fa.set_block_style()
    item = CommentedMap()
    for k, v in row.items():
        if v is not None:
            item[k] = v
    if seq and isinstance(seq[-1], CommentedMap) and seq[-1]:
        _move_trailing_comment(seq[-1], item)
    seq.append(item)


def _move_trailing_comment(previous: CommentedMap, item: CommentedMap) -> None:
    """Blank lines and comments after the old last row belong after the new last row."""
    last_key = list(previous.keys())[-1]
    slot = previous.ca.items.get(last_key)
    if slot and len(slot) > 2 and slot[2] is not None:
        item.ca.items[list(item.keys())[-1]] = [None, None, slot[2], None]
        slot[2] = None


Gaps = dict[str, Any]


def detach_gaps(tree: CommentedMap) -> Gaps:
    """Take out the blank lines and comments before each top-level key (see reattach_gaps)."""
    gaps: Gaps = {}
    keys = list(tree)
    for before, key in zip(keys, keys[1:]):
        slots, index = _tail_slots(tree, before)
        if slots and slots[index] is not None:
            gaps[key], slots[index] = slots[index], None
    return gaps


def reattach_gaps(tree: CommentedMap, gaps: Gaps) -> None:
    """Put each gap back before its top-level key, after whatever now ends the value above it.

    ruamel keeps the lines between two top-level keys on the deepest last entry of the first
    one's value; a key or row appended there would otherwise print below them, so a comment
    introducing ``review:`` would end up inside ``document_control:``.
    """
    keys = list(tree)
    for key, token in gaps.items():
        slots, index = _tail_slots(tree, keys[keys.index(key) - 1])
        slots[index] = token


def _tail_slots(tree: CommentedMap, key: str) -> tuple[list[Any], int]:
    """The comment slots of the last entry printed under tree[key], and which slot follows it."""
    holder: CommentedMap | CommentedSeq = tree
    last: Any = key
    while isinstance(holder[last], (CommentedMap, CommentedSeq)) and holder[last]:
        holder, last = holder[last], (list(holder[last])[-1] if isinstance(holder[last], CommentedMap) else len(holder[last]) - 1)
    slots = holder.ca.items.setdefault(last, [None, None, None, None])
    return slots, 2 if isinstance(holder, CommentedMap) else 0
