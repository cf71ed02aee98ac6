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
