"""What `policygen drift --updates` prints: a table for the terminal, JSON for tools, Markdown for a paper."""

from __future__ import annotations

import json

from policygen.diff.drift_report import cell, marked
from policygen.diff.updates import CHANGED, CLEAN, CONFLICT, Update


def _heading(u: Update) -> str:
    return f"{u.policy} adopts {u.model} {u.adopted_version}; the model is now {u.current_version}"


def _summary(u: Update) -> str:
    return f"{u.count(CLEAN)} clean, {u.count(CONFLICT)} conflict"


def _said(c, deleted: tuple[str, str], inserted: tuple[str, str]) -> str:
    """The change in words (a word diff for a changed clause), and what makes it a conflict."""
    text = marked(c.diff, deleted, inserted) if c.change == CHANGED else (c.new_text or c.old_text or "")
    return f"{text} ({c.why})" if c.why else text


def table(updates: list[Update], unchecked: list[str]) -> str:
    lines: list[str] = []
    for u in updates:
        lines.append(_heading(u))
        width = max((len(c.id) for c in u.clauses), default=0)
        for c in u.clauses:
            lines.append(f"  {c.id:<{width}}  {c.change:<7}  {c.verdict:<8}  {_said(c, ('[-', '-]'), ('{+', '+}'))}".rstrip())
        lines += [f"  {_summary(u)}", ""]
    lines += [f"not checked: {line}" for line in unchecked]
    return "\n".join(lines) + ("\n" if unchecked else "")


def markdown(updates: list[Update], unchecked: list[str]) -> str:
    lines = ["# Model updates", ""]
    for u in updates:
        lines += [f"## {u.policy}", "", _heading(u) + ".", "", "| Clause | Change | Applies | Detail |", "|---|---|---|---|"]
        lines += [f"| {c.id} | {c.change} | {c.verdict} | {cell(_said(c, ('~~', '~~'), ('**', '**')))} |" for c in u.clauses]
        lines += ["", _summary(u) + ".", ""]
    if unchecked:
        lines += ["## Not checked", "", *(f"- {cell(line)}" for line in unchecked), ""]
    return "\n".join(lines)


def as_json(updates: list[Update], unchecked: list[str]) -> str:
    data = {
        "updates": [
            {"policy": u.policy, "model": u.model, "adopted_version": u.adopted_version, "current_version": u.current_version,
             "clauses": [{"id": c.id, "change": c.change, "verdict": c.verdict, "old_text": c.old_text, "new_text": c.new_text,
                          "why": c.why or None, "diff": [{"op": op, "text": text} for op, text in c.diff]} for c in u.clauses]}
            for u in updates
        ],
        "not_checked": unchecked,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


FORMATS = {"table": table, "markdown": markdown, "json": as_json}
