"""The report an import prints: what it found, what it dropped, and one line per uncertainty."""

from __future__ import annotations

from collections import Counter

from policygen.importer.recognise import Recognised


def summary(found: Recognised, shown: str) -> list[str]:
    """``shown``: the file as the user typed it, which every line names (a check's place in the
    YAML names the file by its name alone)."""
    counts: Counter = Counter()
    checks = list(found.checks)
    nodes = [*found.preamble, *found.sections]
    for top in nodes:
        for node, _ in top.walk():
            counts[node.kind] += 1
            checks.extend(node.checks)
    parts = [
        _count(counts["section"], "section"), _count(counts["clause"], "clause"), _count(counts["table"], "table"),
        _count(counts["definitions"], "definitions list"), _count(len(found.roles), "role"), _count(len(found.version_history), "version history row"),
    ]
    fields = [k for k in found.document_control if k != "title"] + [f"review.{k}" for k in found.review]
    lines = [f"{shown}: {found.title!r}: {', '.join(parts)}",
             f"{shown}: document control: {', '.join(fields) if fields else 'none found'}"]
    return lines + [f"{c.where.shown_as(shown)}: {c.message}" for c in (*found.dropped, *checks)]


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"

