"""What changed between two versions of a policy, by stable id.

Blocks are matched by id, never by position or number, so a clause that was
renumbered (because one before it was added) is unchanged, a clause that
went to another section or changed order among its siblings is *moved*, and
a clause whose words changed is *reworded* with word-level runs. Document
control, review, history and the EIA are compared field by field.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from policygen.diff.words import word_diff
from policygen.resolve import DocumentView
from policygen.resolve.tables import body_rows
from policygen.resolve.text import resolve_plain
from policygen.resolve.view import Node

CAPTION_WORDS = 8  # first words that name an untitled clause in the change summary
_LIST_MARKER = re.compile(r"(?m)^\s*(?:[-*+]|\d+[.)])\s+")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`#>\[\]]")

# Parts of the policy compared field by field (the body is compared by id).
FIELD_PARTS = ("document_control", "review", "version_history", "summary", "eia", "associated_documents", "references")


@dataclass
class Item:
    """One block of one version, flattened for comparison."""

    id: str
    kind: str
    label: str | None  # as printed: "5.", "a)"
    cited: str | None  # as text cites it: "5", "4.2(a)", so a summary's "a)" says where it is
    title: str | None
    parent: str | None
    source: str  # what the author wrote: compared to decide "reworded"
    text: str  # what the reader sees (references resolved): shown in redlines

    @property
    def name(self) -> str:
        """How a summary names it: its number, else its title, else its id."""
        return self.cited or self.title or self.id

    @property
    def number(self) -> str | None:
        """Its generated number ("5.3", "4.2(a)", "Appendix A"), if it has one."""
        return self.cited

    @property
    def caption(self) -> str:
        """Its heading, else its first words: with the number, what tells a reader which clause
        a line of the version control sheet means (numbers alone shift between versions)."""
        if self.title:
            return self.title
        words = _MARKUP.sub("", _LINK_TARGET.sub("", _LIST_MARKER.sub("", self.text))).split()
        if not words:
            return self.id
        return " ".join(words[:CAPTION_WORDS]) + ("…" if len(words) > CAPTION_WORDS else "")


@dataclass
class Change:
    kind: str  # added | removed | moved | reworded | moved and reworded
    id: str
    old: Item | None
    new: Item | None
    words: list[tuple[str, str]] = field(default_factory=list)

    def describe(self) -> str:
        """One line of the change summary, naming the clause unambiguously: the old number of
        what was removed or moved away, the new number of what was added or moved to, both
        when a reworded clause was renumbered, and its heading or first words, e.g.
        '2.3 moved to 1.2 (“Staff must have consent before posting photographs.”)'."""
        old = self.old.number if self.old else None
        new = self.new.number if self.new else None
        quoted = f"\u201c{(self.new or self.old).caption}\u201d"
        if old == new or None in (old, new):  # added, removed, or not renumbered
            number = new or old
            return f"{number} {self.kind} ({quoted})" if number else f"{quoted} {self.kind}"
        if self.kind.startswith("moved"):
            return f"{old} moved to {new}" + (" and reworded" if "reworded" in self.kind else "") + f" ({quoted})"
        return f"{old} reworded (now {new}) ({quoted})"


@dataclass
class FieldChange:
    field: str
    old: str | None
    new: str | None


@dataclass
class PolicyDiff:
    old: DocumentView
    new: DocumentView
    fields: list[FieldChange]
    changes: list[Change]
    old_items: list[Item]
    new_items: list[Item]

    @property
    def empty(self) -> bool:
        return not self.fields and not self.changes

    def summary(self) -> str:
        """The version-control row's 'sections changed': '5.3 reworded; 7.2 added; 7.5 removed'."""
        return "; ".join(c.describe() for c in self.changes)


def _source(node: Node) -> str:
    b = node.block
    if node.kind == "clause":
        return b.text
    if node.kind == "section":
        return json.dumps([b.title, b.text], ensure_ascii=False)
    if node.kind == "appendix":
        return json.dumps([b.label, b.title, b.missing], ensure_ascii=False)
    if node.kind == "table":
        return json.dumps(b.model_dump(include={"caption", "header", "row_headers", "rows", "groups", "widths"}), ensure_ascii=False)
    if node.kind == "definitions":
        return json.dumps([[d.term, d.definition] for d in b.terms], ensure_ascii=False)
    if node.kind == "figure":  # the file named, not its bytes: a diff reads the YAML alone
        return b.figure.model_dump_json()
    return b.include


def _text(node: Node, view: DocumentView) -> str:
    b = node.block
    plain = lambda s: resolve_plain(s, view.refs) if s else ""  # noqa: E731
    if node.kind == "clause":
        return plain(b.text)
    if node.kind in ("section", "appendix"):
        return plain(getattr(b, "text", None) or getattr(b, "missing", None) or "")
    # a blank line between rows and terms: each is a paragraph of its own in the redlines
    if node.kind == "table":
        return "\n\n".join(" | ".join(plain(c) for c in row) for row in [*b.header_rows, *body_rows(b)] if row)
    if node.kind == "definitions":
        return "\n\n".join(f"{d.term}: {plain(d.definition)}" for d in b.terms)
    return ""


def items(view: DocumentView) -> list[Item]:
    out: list[Item] = []

    def walk(nodes: list[Node], parent: str | None) -> None:
        for n in nodes:
            out.append(Item(n.id, n.kind, n.label, n.number, n.title, parent, _source(n), _text(n, view)))
            walk(n.children, n.id)

    walk(view.preamble, "#preamble")
    walk(view.sections, None)
    walk(view.appendices, "#appendices")
    walk(view.closing, "#closing")
    return out


def _moved(old: list[Item], new: list[Item]) -> set[str]:
    """Ids whose parent changed, or whose order among common siblings changed."""
    old_by_id = {i.id: i for i in old}
    moved = {i.id for i in new if i.id in old_by_id and old_by_id[i.id].parent != i.parent}
    parents = {i.parent for i in new}
    for parent in parents:
        new_kids = [i.id for i in new if i.parent == parent and i.id in old_by_id and i.id not in moved]
        old_kids = [i.id for i in old if i.parent == parent and i.id in set(new_kids)]
        matcher = difflib.SequenceMatcher(a=old_kids, b=new_kids, autojunk=False)
        kept = {old_kids[b.a + k] for b in matcher.get_matching_blocks() for k in range(b.size)}
        moved |= set(new_kids) - kept
    return moved


def _flatten(value: Any, prefix: str, out: dict[str, str]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _flatten(v, f"{prefix}.{k}" if prefix else k, out)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _flatten(v, f"{prefix}[{i}]", out)
    elif value not in (None, [], {}):
        out[prefix] = str(value)


def _fields(old: DocumentView, new: DocumentView) -> list[FieldChange]:
    a: dict[str, str] = {}
    b: dict[str, str] = {}
    for part in FIELD_PARTS:
        _flatten(old.policy.model_dump(mode="json", include={part}), "", a)
        _flatten(new.policy.model_dump(mode="json", include={part}), "", b)
    keys = list(dict.fromkeys([*a, *b]))
    return [FieldChange(k, a.get(k), b.get(k)) for k in keys if a.get(k) != b.get(k)]


def diff_views(old: DocumentView, new: DocumentView) -> PolicyDiff:
    old_items, new_items = items(old), items(new)
    old_by_id = {i.id: i for i in old_items}
    new_ids = {i.id for i in new_items}
    moved = _moved(old_items, new_items)
    changes: list[Change] = []
    for item in new_items:
        before = old_by_id.get(item.id)
        if before is None:
            changes.append(Change("added", item.id, None, item, [("insert", item.text)]))
            continue
        reworded = before.source != item.source
        kind = " and ".join(k for k, on in (("moved", item.id in moved), ("reworded", reworded)) if on)
        if kind:
            words = word_diff(before.text, item.text) if reworded else [("equal", item.text)]
            changes.append(Change(kind, item.id, before, item, words))
    for item in old_items:
        if item.id not in new_ids:
            changes.append(Change("removed", item.id, item, None, [("delete", item.text)]))
    return PolicyDiff(old, new, _fields(old, new), changes, old_items, new_items)
