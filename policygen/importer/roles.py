"""Roles: the job titles a policy names, into the role register and ``{role:key}``.

A responsibilities section names its roles in its subheadings or a table's first column
("Head of Communications"); the text names others ("the Practitioner Performance Manager"),
found as `policygen validate`'s role lint finds them (its ``ROLE_RE``), so an import leaves
that lint nothing to warn about. For a new organisation they start its register; for one that
has a register they are checked against it, and a title it lacks is reported with the line to
add rather than added (the organisation's file is the user's, and import writes only the
policy). Text is linked only where a register's title or alias appears word for word: that is
the confidence asked for, and ``{role:}`` prints the same words, so nothing reads differently.
"""

from __future__ import annotations

import re

from policygen.importer.control import plain
from policygen.importer.ids import slug
from policygen.importer.outline import Check, Node
from policygen.validate.lints import ROLE_RE

_HEADING = re.compile(r"responsibilit|duties|roles", re.I)
_NOT_ROLES = {"role", "roles", "responsibility", "responsibilities", "duties", "who", "title", "job title", "general"}


def found_in(sections: list[Node]) -> dict[str, str]:
    """Role titles the policy names, by the key a register would give them, in order."""
    roles: dict[str, str] = {}
    for title, _ in _mentions(sections):
        roles.setdefault(slug(title, 6, "role"), title)
    return roles


def _mentions(sections: list[Node]):
    """(title, the node naming it) in document order: a responsibilities section's roles, and the
    job titles the role lint finds in any heading, text or table cell."""
    for top in sections:
        for node, _ in top.walk():
            if node.kind == "section" and node.title and _HEADING.search(node.title):
                for title, where in _named(node):
                    if title.lower() not in _NOT_ROLES and 0 < len(title.split()) <= 6 and title[:1].isupper():
                        yield title, where
            for text in _texts(node):
                for m in ROLE_RE.finditer(text):
                    yield m[0].strip(), node


def _texts(node: Node) -> list[str]:
    cells = [p for row in node.table.rows for cell in row.cells for p in cell.paragraphs] if node.table is not None else []
    return [node.title or "", node.text, *cells, *(t for pair in node.terms for t in pair)]


def _named(section: Node) -> list[tuple[str, Node]]:
    """(title, where it is named): its subsections' headings, and the first column of its tables."""
    out = [(child.title.rstrip(":"), child) for child in section.children if child.kind == "section" and child.title]
    for node, _ in section.walk():
        if node.kind == "table" and node.table is not None:
            rows = [r for r in node.table.rows if not r.header and len(r.cells) >= 2]
            out += [(plain(" ".join(r.cells[0].paragraphs)).rstrip(":"), node) for r in rows]
    return out


def unregistered(sections: list[Node], register: dict[str, list[str]], org_id: str) -> None:
    """A check where each role the register lacks is first named, giving the line to add."""
    known = {name.lower() for names in register.values() for name in names}
    suggested: set[str] = set()
    for title, where in _mentions(sections):
        key = slug(title, 6, "role")
        if title.lower() not in known and key not in suggested:
            suggested.add(key)
            where.checks.append(Check(where.where, f"role '{title}' is not in {org_id}'s register: add it as `{key}: {{title: {title}}}`"))


def link(nodes: list[Node], register: dict[str, list[str]]) -> int:
    """Replace each register title or alias, word for word, with ``{role:key}``; how many."""
    names = sorted(((name, key) for key, titles in register.items() for name in titles if name), key=lambda nk: -len(nk[0]))
    if not names:
        return 0
    pattern = re.compile(r"(?<![\w{:-])(" + "|".join(re.escape(n) for n, _ in names) + r")(?![\w}-])")
    keys = dict(names)
    titles = {key: titles[0] for key, titles in register.items() if titles}
    count = 0

    def replace(m: re.Match) -> str:
        """``{role:key}``, or ``{role:key|words}`` for an alias, so the sentence prints as written."""
        nonlocal count
        count += 1
        key = keys[m[1]]
        return f"{{role:{key}}}" if titles.get(key) == m[1] else f"{{role:{key}|{m[1]}}}"

    for top in nodes:
        for node, _ in top.walk():
            if node.kind in ("clause", "section") and node.text:
                node.text = _outside_links(node.text, lambda part: pattern.sub(replace, part))
    return count


def _outside_links(text: str, change) -> str:
    """Apply ``change`` to the text but not inside a link's target or a reference already made."""
    pieces = re.split(r"(\]\(<[^>]*>\)|\{[a-z]+:[^}]*\})", text)
    return "".join(piece if i % 2 else change(piece) for i, piece in enumerate(pieces))
