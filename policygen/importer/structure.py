"""Headings and numbered paragraphs → nested sections and clauses, with the numbering style recorded.

Typed numbers and Word's automatic numbers are read alike (``numbers.Mark``); a nested number
("4.2.1") says its depth, a standalone one ("a)", "(i)") nests under what came before it. The
typed number is taken out of the text: policygen numbers again, by the ``levels:`` worked out
here from the styles seen at each depth, so the rebuilt document carries the same numbers.
Bullets and list numbering become Markdown lists inside the clause they follow.
"""

from __future__ import annotations

import re
from collections import Counter

from policygen.importer.blocks import Block, Heading, Paragraph, Skipped, Table
from policygen.importer.control import plain
from policygen.importer.numbers import Mark, alone, automatic, level_style, typed
from policygen.importer.outline import Check, IncludeHistory, Node

_TYPED_BULLET = re.compile(r"^[•·▪‣◦○■□➢✓–-][ \t]+")
_HEADING_LIKE_LENGTH = 80
MAX_SECTION_DEPTH = 3  # the model's limit: sections nest three levels deep


class Outliner:
    """Feeds blocks in reading order into a tree under ``root`` (whose children are the sections;
    blocks before the first section go to ``preamble``)."""

    def __init__(self, blocks: list[Block]) -> None:
        self.root = Node("section", where=None)  # type: ignore[arg-type]
        self.preamble: list[Node] = []
        self.stack: list[tuple[Node, int, bool]] = [(self.root, 0, False)]  # (node, depth, standalone)
        self.last: Node | None = None  # the clause (or lead text) a list item or continuation joins
        self.pending: list[Check] = []  # notes about skipped things, for the next block made
        self.previous_letter: str | None = None
        self.carried: Mark | None = None  # a number that stood alone, for the paragraph after it
        self.counted: dict[tuple[int, tuple], int] = {}  # (parent, style) → the last typed count under it
        self.restarts: set = set()  # automatic numbering not from 1 already reported
        self.depth_of: dict[int, int] = {id(self.root): 0}  # each node's depth in the tree (sections nest 3 deep)
        levels = [b.level for b in blocks if isinstance(b, Heading) and not b.title_style]
        self.base_level = min(levels, default=1)
        for block in blocks:
            self.feed(block)

    # -- placing ---------------------------------------------------------------------------

    def _container(self) -> Node:
        for node, _, _ in reversed(self.stack):
            if node.kind == "section":
                return node
        return self.root

    def _add(self, parent: Node, node: Node) -> None:
        node.checks[:0] = self.pending
        self.pending = []
        self._count(parent, node)
        if parent.kind == "clause" and self.depth_of[id(parent)] > MAX_SECTION_DEPTH:
            # the clause cannot become a section this deep: its sub-clause follows it instead
            parent = self._container()
            node.checks.append(Check(node.where, f"numbered deeper than policygen nests ({node.mark.typed if node.mark else 'a sub-clause'}): "
                                                 "kept as a clause after the one it belonged to"))
        depth = self.depth_of[id(parent)] + 1
        if node.kind == "section" and depth > MAX_SECTION_DEPTH:
            node.kind, node.text = "clause", f"**{node.title}**"
            node.checks.append(Check(node.where, f"a heading {depth} levels deep: policygen nests sections "
                                                 f"{MAX_SECTION_DEPTH} deep, so it is a bold paragraph"))
        self.depth_of[id(node)] = depth
        if node.mark is not None and node.mark.depth and node.mark.typed and node.mark.depth != depth and parent is not self.root:
            node.checks.append(Check(node.where, f"typed {node.mark.typed!r} sits {depth} levels deep (a level above it is missing): "
                                                 "policygen numbers it by where it sits"))
        if parent is self.root and node.kind != "section":
            self.preamble.append(node)
        else:
            parent.promote()
            parent.children.append(node)

    def _count(self, parent: Node, node: Node) -> None:
        """A typed number that skips or repeats one (3.2 then 3.4): policygen numbers in order, so say so."""
        mark = node.mark
        if mark is None or not mark.ordinal:
            return
        key = (id(parent), mark.style)
        expected = self.counted.get(key, 0) + 1
        self.counted[key] = mark.ordinal
        if mark.ordinal != expected:
            node.checks.append(Check(node.where, f"typed {mark.typed!r} where number {expected} of its run was due: "
                                                 "policygen numbers in order, so check nothing is missing or repeated"))

    def _pop_to_depth(self, depth: int) -> Node:
        while len(self.stack) > 1 and (self.stack[-1][1] >= depth or self.stack[-1][2]):
            self.stack.pop()
        return self.stack[-1][0]

    # -- blocks ----------------------------------------------------------------------------

    def feed(self, block: Block) -> None:
        if isinstance(block, Skipped):
            self.pending.append(Check(block.where, f"{block.what}: it was left out"))
        elif isinstance(block, (Table, IncludeHistory)):
            node = Node("table", block.where, table=block) if isinstance(block, Table) else Node("include", block.where)
            self._add(self._container(), node)
            self.last = None
        elif isinstance(block, Heading):
            # The format's heading level decides the nesting: a typed "1." on a level-3 heading is
            # that heading's own numbering, not a claim to be a top-level section. Only a nested
            # typed number deeper than the level ("5.1.1" on a level-2 heading) keeps its depth:
            # headings do not count the numbered paragraph ("5.1") it sits under, nor a document
            # that styles every heading alike.
            mark, text = self._mark(block, heading=True)
            depth = block.level - self.base_level + 1
            if mark is not None and mark.depth and mark.depth > depth:
                depth = mark.depth
            self._section(block, text, mark, depth)
        else:
            if block.check:
                self.pending.append(Check(block.where, block.check))
            self._paragraph(block)

    def _section(self, block, text: str, mark: Mark | None, depth: int, check: str | None = None) -> None:
        parent = self._pop_to_depth(depth)
        node = Node("section", block.where, title=plain(text), mark=mark)
        if check:
            node.checks.append(Check(block.where, check))
        self._add(parent, node)
        self.stack.append((node, depth, False))
        self.last = node if node.kind == "clause" else None

    def _paragraph(self, block: Paragraph) -> None:
        if self.carried is None and block.auto is None and (number := alone(block.text, self.previous_letter)) is not None:
            self.carried = number
            return
        item = self._list_item(block)
        if item is not None:
            self._list(block, *item)
            return
        mark, text = self._mark(block, heading=False)
        if mark is not None and mark.depth == 1 and len(text) <= _HEADING_LIKE_LENGTH and not text.rstrip().endswith((".", ":", ";", ",")):
            self._section(block, text, mark, 1, "a short numbered line, taken for a heading")
            return
        if mark is None:
            self._unnumbered(block, text)
            return
        if mark.depth is not None:
            parent = self._pop_to_depth(mark.depth)
            depth = mark.depth
        else:
            parent, depth = self._standalone_parent(mark)
        node = Node("clause", block.where, text=text, mark=mark)
        if parent is self.root:
            node.checks.append(Check(block.where, f"numbered {mark.typed!r} before any heading: kept as an unnumbered paragraph"))
        self._add(parent, node)
        self.stack.append((node, depth, mark.depth is None))
        self.last = node

    def _standalone_parent(self, mark: Mark) -> tuple[Node, int]:
        """A lettered clause's parent: its earlier sibling's parent, or (a new run) the block before it."""
        for i in range(len(self.stack) - 1, 0, -1):
            node, _, standalone = self.stack[i]
            if standalone and node.mark is not None and node.mark.style == mark.style:
                del self.stack[i:]
                break
        node, depth, _ = self.stack[-1]
        return node, depth + 1

    def _unnumbered(self, block: Paragraph, text: str) -> None:
        style = (block.style or "").lower()
        if self.last is not None and ("continue" in style or self.last.text.rstrip().endswith(":")):
            self.last.text = f"{self.last.text}\n\n{text}" if self.last.text else text
            self.last.in_list = False
            return
        node = Node("clause", block.where, text=text)
        self._add(self._container(), node)
        self.last = node

    def _list_item(self, block: Paragraph) -> tuple[str, int, str] | None:
        """(marker, depth, text) when the paragraph is a list item rather than a clause."""
        auto = block.auto
        if auto is not None and auto.counting == "bullet":
            return "-", auto.level, block.text
        m = _TYPED_BULLET.match(block.text)
        if m:
            return "-", auto.level if auto else 0, block.text[m.end():]
        if auto is not None and auto.counting != "none" and len(re.findall(r"%\d", auto.pattern)) == 1:
            # a plain "1." or "a)" list after a lead-in line, or one styled as a list; a Word
            # outline's deeper level, "(%3)", is a sub-clause
            listed = "list" in (block.style or "").lower()
            lead_in = self.last is not None and (self.last.in_list or self.last.text.rstrip().endswith(":"))
            if listed or (lead_in and re.fullmatch(r"%\d[.)]", auto.pattern)):
                return f"{auto.start}.", auto.level, block.text  # a Markdown list counts on from its first number
        return None

    def _list(self, block: Paragraph, marker: str, depth: int, text: str) -> None:
        if self.last is None:
            node = Node("clause", block.where)
            self._add(self._container(), node)
            self.last = node
        node = self.last
        if not node.in_list:
            node.list_base = depth
        line = f"{'    ' * max(0, depth - node.list_base)}{marker} {text}"
        if not node.in_list:
            node.text = f"{node.text}\n\n{line}" if node.text else line
        else:
            node.text = f"{node.text}\n{line}"
        node.in_list = True

    def _mark(self, block: Heading | Paragraph, heading: bool) -> tuple[Mark | None, str]:
        text, auto = block.text, block.auto
        carried, self.carried = self.carried, None
        if carried is not None and not heading:
            return carried, text
        found = typed(text, heading, self.previous_letter)
        if found is not None:
            mark, rest = found
            if mark.depth is None and "alpha" in dict(mark.style).get("kind", ""):
                self.previous_letter = mark.typed.strip("().")
            return mark, rest
        if auto is not None:
            mark = automatic(auto)
            if mark is not None and auto.start != 1 and (auto.level, auto.pattern, auto.start) not in self.restarts:
                self.restarts.add((auto.level, auto.pattern, auto.start))
                self.pending.append(Check(block.where, f"numbered from {auto.start} in the source; policygen numbers "
                                                       "these clauses in order from 1 at their level"))
            return mark, text
        return None, text


def outline(blocks: list[Block]) -> Outliner:
    return Outliner(blocks)


def levels(root: Node) -> tuple[list[dict], dict[int, list[dict]]]:
    """The policy's ``levels:`` (the commonest style at each depth) and, by node id, the
    ``levels:`` of each section whose blocks are numbered otherwise."""
    by_depth: dict[int, Counter] = {}
    for node, depth in root.walk():
        if depth and node.kind in ("section", "clause"):
            by_depth.setdefault(depth, Counter())[node.mark.style if node.mark else None] += 1
    deepest = max((d for d, c in by_depth.items() if any(k is not None for k in c)), default=0)
    chosen = []
    for depth in range(1, deepest + 1):
        counts = by_depth.get(depth, Counter())
        numbered = [(n, k) for k, n in counts.items() if k is not None]
        chosen.append(max(numbered, key=lambda nk: (nk[0], -_first(root, depth, nk[1])))[1] if numbered else None)
    overrides: dict[int, list[dict]] = {}
    for node, depth in root.walk():
        if node.kind != "section" or node is root or depth >= len(chosen):
            continue
        styles = [c.mark.style for c in node.children if c.mark is not None]
        if styles and Counter(styles).most_common(1)[0][0] != chosen[depth]:
            own = Counter(styles).most_common(1)[0][0]
            overrides[id(node)] = [_style_dict(own), *(_style_dict(s) for s in chosen[depth + 1:])]
    return [_style_dict(s) for s in chosen], overrides


def _first(root: Node, depth: int, style) -> int:
    """Where a style first appears at a depth: the tie-break, so the choice never depends on dict order."""
    for i, (node, d) in enumerate(root.walk()):
        if d == depth and node.mark is not None and node.mark.style == style:
            return i
    return 0


def _style_dict(style) -> dict:
    return {"kind": "none"} if style is None else level_style(Mark(style, None, 0))
