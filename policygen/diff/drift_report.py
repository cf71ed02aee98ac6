"""What `policygen drift` prints: a table for the terminal, JSON for tools, Markdown for a paper."""

from __future__ import annotations

import json

from policygen.diff.drift import ADDED, AS_MODEL_AGAIN, CHANGED, REMOVED, Drift


def _heading(d: Drift) -> str:
    versions = f"adopts version {d.adopted_version}; the model's current version is {d.current_version}"
    return f"{d.policy} adopts {d.model}: {versions}" + (" (behind)" if d.behind else "")


def _summary(d: Drift) -> str:
    counts = [(d.count(s), s) for s in ("as model", CHANGED, AS_MODEL_AGAIN, REMOVED, ADDED)]
    return ", ".join(f"{n} {s}" for n, s in counts if n)


def marked(runs, deleted: tuple[str, str], inserted: tuple[str, str]) -> str:
    """A word diff's runs as one line, deletions and insertions between the marks given (drift and its updates)."""
    marks = {"delete": deleted, "insert": inserted}
    return "".join(f"{marks[op][0]}{text}{marks[op][1]}" if op in marks else text for op, text in runs)


def _said(clause, deleted: tuple[str, str], inserted: tuple[str, str]) -> str:
    """What a clause's line says beyond its status."""
    if clause.status == CHANGED:
        return marked(clause.diff, deleted, inserted)
    if clause.status == AS_MODEL_AGAIN:
        return "replaced with the model's own words: the replacement can go"
    return clause.note or ""


def table(drifts: list[Drift]) -> str:
    lines: list[str] = []
    for d in drifts:
        lines.append(_heading(d))
        width = max((len(c.id) for c in d.clauses), default=0)
        status_width = max((len(c.status) for c in d.clauses), default=0)
        for c in d.clauses:
            lines.append(f"  {c.id:<{width}}  {c.status:<{status_width}}  {_said(c, ('[-', '-]'), ('{+', '+}'))}".rstrip())
        lines += [f"  {_summary(d)}", ""]
    return "\n".join(lines)


def cell(text: str) -> str:
    """Text safe in one Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(drifts: list[Drift]) -> str:
    lines = ["# Drift from model policies", ""]
    for d in drifts:
        lines += [f"## {d.policy}", "", _heading(d) + ".", "", "| Clause | Status | Detail |", "|---|---|---|"]
        lines += [f"| {c.id} | {c.status} | {cell(_said(c, ('~~', '~~'), ('**', '**')))} |" for c in d.clauses]
        lines += ["", _summary(d) + ".", ""]
    return "\n".join(lines)


def as_json(drifts: list[Drift]) -> str:
    data = [
        {
            "policy": d.policy, "model": d.model, "adopted_version": d.adopted_version,
            "current_version": d.current_version, "behind": d.behind,
            "clauses": [
                {"id": c.id, "status": c.status, "model_text": c.model_text, "local_text": c.local_text, "note": c.note,
                 "diff": [{"op": op, "text": text} for op, text in c.diff]}
                for c in d.clauses
            ],
        }
        for d in drifts
    ]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


FORMATS = {"table": table, "markdown": markdown, "json": as_json}
