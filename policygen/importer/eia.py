"""An Equality Impact Assessment screening grid (a row per protected characteristic, an impact
column each for positive / neutral / negative, and evidence) → the structured ``eia``.

Validation then checks the nine characteristics are covered, whatever words the form used;
the grid keeps the form's own column and row labels, so it prints as it did. The table's
place becomes an ``include: eia`` block. Other parts of an EIA form stay tables and text.
"""

from __future__ import annotations

import re

from policygen.importer.control import cell_markdown, plain
from policygen.importer.outline import Check, Node

# Sexual orientation before sex, civil partnership before anything with "marriage" in it.
_CHARACTERISTICS = (
    ("sexual-orientation", r"sexual orient|sexuality|lgb"), ("age", r"^age\b"), ("disability", r"disab"),
    ("gender-reassignment", r"gender reassign|trans"), ("marriage-civil-partnership", r"marri|civil partner"),
    ("pregnancy-maternity", r"pregnan|maternity"), ("race", r"\brace\b|ethnic"), ("religion-belief", r"religio|belief|faith"),
    ("sex", r"^sex\b|^gender$|^men and women"),
)
_IMPACTS = ("positive", "neutral", "negative")
_TICKED = re.compile(r"^(✓|✔|☑|x|X|yes|Yes|YES|\[x\]|y|Y|\*)$")


def characteristic(label: str) -> str | None:
    text = plain(label).lower().strip()
    return next((key for key, pattern in _CHARACTERISTICS if re.search(pattern, text)), None)


def find(sections: list[Node]) -> dict | None:
    """The first screening grid in the body as ``eia`` data, its table replaced by an include."""
    for top in sections:
        for node, _ in top.walk():
            for i, child in enumerate(node.children):
                grid = _grid(child) if child.kind == "table" else None
                if grid is not None:
                    node.children[i] = Node("include", child.where, include="eia",
                                            checks=[*child.checks, Check(child.where, "an equality impact screening grid: read into `eia` (check each impact)")])
                    return {"parts": [{"grid": grid}]}
    return None


def _grid(node: Node) -> dict | None:
    rows = node.table.rows
    if len(rows) < 6:
        return None
    heads = [plain(" ".join(c.paragraphs)) for c in rows[0].cells]
    columns = {impact: next((i for i, h in enumerate(heads) if impact in h.lower()), None) for impact in _IMPACTS}
    evidence = next((i for i, h in enumerate(heads) if re.search(r"evidence|comment|reason|detail", h, re.I)), None)
    body = [[cell_markdown(c.paragraphs) for c in r.cells] for r in rows[1:]]
    if sum(1 for r in body if r and characteristic(r[0])) < 7 or None in columns.values():
        return None
    grid: dict = {"group_label": heads[0] or "Equality group"}
    for impact in _IMPACTS:
        grid[f"{impact}_label"] = heads[columns[impact]]
    if evidence is not None:
        grid["evidence_label"] = heads[evidence]
    grid["rows"] = []
    for cells in body:
        if not cells or not plain(cells[0]):
            continue
        row: dict = {}
        if (key := characteristic(cells[0])) is not None:
            row["characteristic"] = key
        row["label"] = plain(cells[0])
        ticked = [impact for impact in _IMPACTS if columns[impact] < len(cells) and _TICKED.match(plain(cells[columns[impact]]))]
        if len(ticked) == 1:
            row["impact"] = ticked[0]
        if evidence is not None and evidence < len(cells) and cells[evidence].strip():
            row["evidence"] = cells[evidence]
        grid["rows"].append(row)
    return grid
