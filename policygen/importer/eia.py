"""An Equality Impact Assessment form → the structured ``eia``: a screening grid (a row per
protected characteristic, an impact column each for positive / neutral / negative, and evidence)
anywhere in the body, or a table of yes/no questions under an equality heading.

Validation then checks the nine characteristics are covered, whatever words the form used;
each part keeps the form's own column and row labels, so it prints as it did. The table's
place becomes an ``include: eia`` block. Other parts of an EIA form stay tables and text.
"""

from __future__ import annotations

import re

from policygen.importer.control import cell_markdown, plain
from policygen.importer.outline import Check, Node

EIA_HEADING = re.compile(r"equality (impact )?(assessment|analysis)|\bEIA\b|equality screening", re.I)

# Sexual orientation before sex, civil partnership before anything with "marriage" in it.
_CHARACTERISTICS = (
    ("sexual-orientation", r"sexual orient|sexuality|lgb"), ("age", r"^age\b"), ("disability", r"disab"),
    ("gender-reassignment", r"gender reassign|gender identity|trans"), ("marriage-civil-partnership", r"marri|civil partner"),
    ("pregnancy-maternity", r"pregnan|maternity"), ("race", r"\brace\b|ethnic"), ("religion-belief", r"religio|belief|faith"),
    ("sex", r"^sex\b|^gender\W*$|^men and women"),
)
_IMPACTS = ("positive", "neutral", "negative")
_TICKED = re.compile(r"^(✓|✔|☑|x|X|yes|Yes|YES|\[x\]|y|Y|\*)$")


def characteristic(label: str) -> str | None:
    text = plain(label).lower().strip().lstrip("-–•*· ")
    return next((key for key, pattern in _CHARACTERISTICS if re.search(pattern, text)), None)


def find(sections: list[Node]) -> dict | None:
    """The first screening grid or equality question set in the body as ``eia`` data, its table
    replaced by an include."""
    for node, under_eia in _parents(sections, False):
        for i, child in enumerate(node.children):
            if child.kind != "table":
                continue
            grid = _grid(child)
            if grid is not None:
                parts, checks = [{"grid": grid}], [Check(child.where, "an equality impact screening grid: read into `eia` (check each impact)")]
            elif under_eia and (found := _questions(child.table)) is not None:
                parts, checks = found
                first, last = _field_tables(node.children, i)
                before = [{"fields": _fields(t.table)} for t in node.children[first:i]]
                parts = [*before, *parts, *({"fields": _fields(t.table)} for t in node.children[i + 1:last])]
                checks = [*(c for t in node.children[first:last] if t is not child for c in t.checks), *checks]
                node.children[first:last] = [child]
                i = first
            else:
                continue
            node.children[i] = Node("include", child.where, include="eia", checks=[*child.checks, *checks])
            return {"parts": parts}
    return None


def _field_tables(children: list[Node], i: int) -> tuple[int, int]:
    """The run of label / value tables next to the form's questions (``Name of policy: | …``):
    the form's own fields, read with it."""
    first, last = i, i + 1
    while first > 0 and children[first - 1].kind == "table" and _fields(children[first - 1].table):
        first -= 1
    while last < len(children) and children[last].kind == "table" and _fields(children[last].table):
        last += 1
    return first, last


def _fields(table) -> list[dict] | None:
    """A table of two-cell rows, each a label ending in a colon and its value (blank when unanswered)."""
    cells = [[cell_markdown(c.paragraphs) for c in r.cells] for r in table.rows]
    if not cells or any(len(r) != 2 or not plain(r[0]).endswith(":") for r in cells):
        return None
    return [{"label": label, **({"value": value} if value.strip() else {})} for label, value in cells]


def _parents(nodes: list[Node], under_eia: bool):
    """Every node that holds blocks, in document order, and whether an equality heading is above it."""
    for node in nodes:
        inside = under_eia or bool(node.title and EIA_HEADING.search(node.title))
        yield node, inside
        yield from _parents(node.children, inside)


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


# Headings of a yes/no question table's columns: its number, its question, its answer, its comment.
_NUMBER_HEAD = re.compile(r"^(no\.?|number|#|ref\.?)$", re.I)
_ANSWER_HEAD = re.compile(r"\byes\b|\by\s*/\s*n\b|^answer|^response", re.I)
_COMMENT_HEAD = re.compile(r"comment|evidence|detail|reason|explan|note|action", re.I)
_ANSWERS = {"yes": "yes", "y": "yes", "no": "no", "n": "no", "n/a": "na", "na": "na", "n.a.": "na", "not applicable": "na"}
_BULLET = re.compile(r"^\s*(\\?[-–•*·]\s*)+")


def _questions(table) -> tuple[list[dict], list[Check]] | None:
    """A yes/no question table as one ``questions`` part, numbered through as the form was. A row
    whose answer is not yes / no / N/A ("Partly") stays a question in its place, its answer left
    blank and its words at the start of its comment, with a check. A row under a question that asks "on the basis of:" (its label a protected characteristic,
    or a bullet, or unnumbered where the form numbers its questions) is that question's sub-question."""
    rows = table.rows
    heads = [plain(" ".join(c.paragraphs)) for c in rows[0].cells]
    answer = next((i for i, h in enumerate(heads) if _ANSWER_HEAD.search(h)), None)
    if answer is None or len(rows) < 3:
        return None
    number = 0 if _NUMBER_HEAD.match(heads[0]) else None
    question = next((i for i, h in enumerate(heads) if i not in (number, answer)), None)
    comment = next((i for i, h in enumerate(heads) if i not in (number, question, answer) and _COMMENT_HEAD.search(h)), None)
    if question is None:
        return None
    labels = {"question_label": heads[question] or "Question", "answer_label": heads[answer]}
    if comment is not None:
        labels["comment_label"] = heads[comment]
    checks = [Check(table.where, "an equality impact question set: read into `eia` (check each answer)")]
    current: list[dict] = []
    parent: dict | None = None
    answered = 0
    for n, row in enumerate(rows[1:], start=2):
        cells = [cell_markdown(c.paragraphs) for c in row.cells]
        cell = lambda i: cells[i].strip() if i is not None and i < len(cells) else ""  # noqa: E731
        text = cell(question)
        if not plain(text):
            continue
        said = plain(cell(answer)).lower().rstrip(".")
        said = _ANSWERS.get(said, _ANSWERS.get(said + ".", said))
        note = cell(comment)
        if said and said not in ("yes", "no", "na"):
            checks.append(Check(table.where, f"row {n}: the answer {plain(cell(answer))!r} is not yes / no / N/A: "
                                             "kept at the start of its comment, its answer left blank (check)"))
            note, said = f"{cell(answer)} — {note}" if note else cell(answer), ""
        bullet = bool(_BULLET.match(plain(text)))
        q: dict = {"question": _BULLET.sub("", text) if bullet else text}
        key = characteristic(text)
        sub = parent is not None and (bullet or (number is not None and not plain(cell(number)))
                                      or (key is not None and (parent.get("answer") is None or parent["questions"])))
        if sub and key is not None:
            q["characteristic"] = key
        if said:
            q["answer"] = said
            answered += 1
        if note:
            q["comment"] = note
        q["questions"] = []
        if sub:
            parent["questions"].append(q)
        else:
            current.append(q)
            parent = q
    if not answered:
        return None
    return [{"questions": {**labels, "questions": current}}], checks
