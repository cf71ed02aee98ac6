"""Definitions: under a heading that says so, term/definition tables and paragraphs → a definitions list.

Policies give their terms three ways: a two-column table (Term | Definition), a paragraph
opening with the term ("Blogging means ...", "**Ratify**: formal agreement"), or the term in
bold on its own line with its definition in the paragraph after. Each becomes a ``terms``
block; the words stay in order (the definition keeps "means ..."), as the shipped policies
capture them. Anywhere else such paragraphs stay clauses: "X means" in a scope clause is prose.
"""

from __future__ import annotations

import re

from policygen.importer.control import cell_markdown, plain
from policygen.importer.outline import Check, Node

_HEADING = re.compile(r"definition|glossary|terms used|terminology|abbreviation|interpretation", re.I)
_MEANS = re.compile(r"^(?P<term>[^.;:]{1,60}?)\s+(?P<rest>(?:means|refers to|is defined as|is the|are the)\b.+)$", re.S)
_LABELLED = re.compile(r"^\*\*(?P<term>[^*]{1,60})\*\*\s*(?:[:–—-]\s*)?(?P<rest>\S.*)$", re.S)
_BOLD_ONLY = re.compile(r"^\*\*([^*]{1,80})\*\*$")


def find(sections: list[Node]) -> int:
    """Turn the definitions in every definitions section into definitions blocks; how many blocks."""
    count = 0
    for top in sections:
        for node, _ in list(top.walk()):
            if node.kind == "section" and node.title and _HEADING.search(node.title):
                node.children = _collect(node.children)
                count += sum(1 for c in node.children if c.kind == "definitions")
    return count


def _collect(children: list[Node]) -> list[Node]:
    out: list[Node] = []
    i = 0
    while i < len(children):
        node = children[i]
        pairs, used = _terms_at(children, i)
        if not pairs:
            out.append(node)
            i += 1
            continue
        if out and out[-1].kind == "definitions" and node.kind != "table":
            out[-1].terms.extend(pairs)
        else:
            out.append(Node("definitions", node.where, terms=pairs, checks=list(node.checks)))
        if node.kind == "table" and node.table.caption:
            out[-1].checks.append(Check(node.where, f"the table's caption {node.table.caption!r} was left out: a definitions list has none"))
        i += used
    return out


def _terms_at(children: list[Node], i: int) -> tuple[list[tuple[str, str]], int]:
    node = children[i]
    if node.kind == "table":
        return _table_terms(node), 1
    if node.kind != "clause" or node.children or "\n" in node.text:
        return [], 1
    bold = _BOLD_ONLY.match(node.text)
    if bold and i + 1 < len(children):
        after = children[i + 1]
        if after.kind == "clause" and after.text and not _BOLD_ONLY.match(after.text) and not after.children:
            return [(plain(bold[1]).rstrip(":"), after.text)], 2
    m = _LABELLED.match(node.text) or _MEANS.match(node.text)
    if m and len(plain(m["term"]).split()) <= 8:
        return [(plain(m["term"]), m["rest"])], 1
    return [], 1


def _table_terms(node: Node) -> list[tuple[str, str]]:
    rows = node.table.rows
    if not rows or any(len(r.cells) != 2 for r in rows):
        return []
    first = [plain(" ".join(c.paragraphs)).lower() for c in rows[0].cells]
    if rows[0].header or (first[0] in ("term", "terms", "word", "abbreviation") and first[1].startswith(("definition", "meaning", "description"))):
        rows = rows[1:]
    pairs = [(plain(" ".join(r.cells[0].paragraphs)), cell_markdown(r.cells[1].paragraphs)) for r in rows]
    return pairs if pairs and all(term and definition for term, definition in pairs) else []
