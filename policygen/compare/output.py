"""The comparison as text: a terminal table, CSV and Markdown.

Four parts, each asked for by name: ``matrix`` (organisations × topics, each
cell the clauses that cover the topic, "gap" where there are none),
``clauses`` (each organisation's clauses per topic, in full), ``similar``
(pairs of clauses from different organisations that say nearly the same
thing, with their scores) and ``suggestions`` (topics for clauses that have
none, from their most similar tagged clauses, with the scores).

A column is an organisation's policy of the kind; an organisation with two policies of the kind
has two, labelled "NCHT: Safeguarding Adults Policy" and keyed ``northfield/safeguarding-adults``
where CSV names the organisation.
"""

from __future__ import annotations

import csv
import io
import shutil
import textwrap

from policygen.compare.comparison import Comparison
from policygen.compare.units import Unit

PARTS = ("matrix", "clauses", "similar", "suggestions")
GAP = "gap"


def render_text(cmp: Comparison, parts: list[str], fmt: str, width: int | None = None) -> str:
    """``fmt`` is ``table`` (the terminal) or ``markdown``; CSV has its own function (one table)."""
    width = width or shutil.get_terminal_size((120, 24)).columns
    out: list[str] = []
    if fmt == "markdown":
        out.append(f"# {cmp.title}: clauses compared across organisations\n")
        out.append("Organisations: " + "; ".join(f"{o.name} ({o.short})" for o in cmp.orgs) + ".\n")
    for part in parts:
        out.append(_PARTS[fmt][part](cmp, width))
    return "\n".join(s.rstrip("\n") + "\n" for s in out if s)


SEP = "; "  # not a comma: headings cited for unnumbered clauses contain commas


def cites(units: list[Unit], short: bool = False) -> str:
    return SEP.join(u.cited(short) for u in units)


def covered(cmp: Comparison, topic_id: str) -> str:
    return f"{len(cmp.covered_by(topic_id))} of {len(cmp.orgs)}"


# --- terminal -------------------------------------------------------------------------------


def _table_matrix(cmp: Comparison, width: int) -> str:
    header = ["Topic"] + [o.short for o in cmp.orgs] + ["Covered"]
    rows = [
        [t.label] + [cites(cmp.cell(o.key, t.id), short=True) or GAP for o in cmp.orgs] + [covered(cmp, t.id)]
        for t in cmp.topics
    ]
    title = (
        f"{cmp.title}: the clauses of each organisation that cover each topic ({GAP!r}: none).\n"
        "Clauses are cited by their numbers; an unnumbered clause by its section or heading (long ones cut short "
        "with …) and ¶ with its place there. --show clauses prints their text."
    )
    title = "\n".join(textwrap.fill(line, min(width, 100)) for line in title.splitlines())
    return title + "\n\n" + grid(header, rows, width) + _gaps_summary(cmp)


def _gaps_summary(cmp: Comparison) -> str:
    lines = ["", "Gaps (topics another organisation covers):"]
    for o in cmp.orgs:
        gaps = cmp.gaps(o.key)
        labels = ", ".join(cmp.topic(t).label for t in gaps) if gaps else "none"
        lines.append(textwrap.fill(f"{o.short}: {labels}", 100, subsequent_indent="    "))
    return "\n".join(lines) + "\n"


def grid(header: list[str], rows: list[list[str]], width: int) -> str:
    """A plain-text table fitted to ``width`` where it can be.

    Cells hold items joined by SEP; lines break between items, and inside an
    item only when it is wider than its column. Columns share the width in
    proportion to the text they hold, none wider than its longest cell.
    """
    n = len(header)
    table = [header] + rows
    items = [[c.split(SEP) for c in row] for row in table]
    natural = [max(len(r[i]) for r in table) for i in range(n)]
    least = [min(max(len(x) for r in items for x in r[i]), 16) for i in range(n)]
    weight = [sum(len(r[i]) for r in table) for i in range(n)]
    widths = least[:]
    # Each character of room goes to the column furthest below its share of the text, until all fit on one line.
    for _ in range(max(0, width - 3 * (n - 1) - sum(widths))):
        open_ = [i for i in range(n) if widths[i] < natural[i]]
        if not open_:
            break
        i = max(open_, key=lambda k: weight[k] / widths[k])
        widths[i] += 1
    line = "-+-".join("-" * w for w in widths)

    def fmt(row: list[list[str]]) -> list[str]:
        cells = [pack(c, w) for c, w in zip(row, widths)]
        height = max(len(c) for c in cells)
        return [
            " | ".join((c[k] if k < len(c) else "").ljust(w) for c, w in zip(cells, widths)).rstrip()
            for k in range(height)
        ]

    out = fmt(items[0]) + [line]
    for row in items[1:]:
        out += fmt(row)
    return "\n".join(out) + "\n"


def pack(cell_items: list[str], w: int) -> list[str]:
    out: list[str] = []
    for k, item in enumerate(cell_items):
        piece = item + (SEP.rstrip() if k < len(cell_items) - 1 else "")
        if out and len(out[-1]) + 1 + len(piece) <= w:
            out[-1] += " " + piece
        else:
            out += textwrap.wrap(piece, w, break_on_hyphens=False) or [""]
    return out or [""]


def _table_clauses(cmp: Comparison, width: int) -> str:
    width = min(width, 100)
    out: list[str] = []
    for t in cmp.topics:
        out.append(f"== {t.label} ({t.id}): covered by {covered(cmp, t.id)} ==")
        if t.description:
            out.append(t.description)
        for o in cmp.orgs:
            units = cmp.cell(o.key, t.id)
            out.append("")
            if not units:
                out.append(f"{o.short}: {GAP} (no clause on this topic)")
                continue
            for u in units:
                where = f" ({u.context})" if u.context else ""
                out.append(f"{o.short} {u.cited()}{where}")
                out.append(_indent(u.text, width))
        out.append("")
    return "\n".join(out)


def _indent(text: str, width: int) -> str:
    lines = []
    for para in text.splitlines():
        stripped = para.lstrip()
        lead = "    " + " " * (len(para) - len(stripped))
        bullet = len(stripped) - len(stripped.lstrip("-0123456789. ")) if stripped[:1] in "-0123456789" else 0
        lines.append(textwrap.fill(stripped, width, initial_indent=lead, subsequent_indent=lead + " " * bullet))
    return "\n".join(lines)


def _table_similar(cmp: Comparison, width: int) -> str:
    out = [f"Clauses from different organisations that say nearly the same thing (cosine score >= {cmp.min_score:.2f}):"]
    any_pair = False
    for t in cmp.topics:
        pairs = cmp.similar(t.id)
        if not pairs:
            continue
        any_pair = True
        out.append(f"\n{t.label}:")
        for p in pairs:
            a, b = cmp.unit(p.a), cmp.unit(p.b)
            out.append(f"  {p.score:.2f}  {_who(cmp, a)}  ~  {_who(cmp, b)}")
    if not any_pair:
        out.append("  none")
    return "\n".join(out) + "\n"


def _who(cmp: Comparison, u: Unit) -> str:
    return f"{cmp.org(u.column).short} {u.cite}"


def _table_suggestions(cmp: Comparison, width: int) -> str:
    untagged = cmp.untagged
    if not untagged:
        return "Every clause has at least one topic.\n"
    out = [f"Clauses with no topic ({len(untagged)}), and the topics of the most similar tagged clauses:"]
    for u in untagged:
        out.append(f"\n{_who(cmp, u)} [{u.id}]: {textwrap.shorten(u.text, 80)}")
        suggestions = cmp.suggestions(u)
        if not suggestions:
            out.append("    no tagged clause is similar enough to suggest a topic")
        for s in suggestions:
            out.append(f"    {s.topic:<22} {s.score:.2f}  like {_who(cmp, cmp.unit(s.because))}")
    out.append(
        "\nNothing was changed. Add `topics:` to these clauses yourself, or run again with "
        "--accept-suggestions to write the best suggestion into each."
    )
    return "\n".join(out) + "\n"


# --- Markdown -------------------------------------------------------------------------------


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _md_matrix(cmp: Comparison, width: int) -> str:
    header = ["Topic"] + [o.short for o in cmp.orgs] + ["Covered"]
    out = ["## Coverage\n", "| " + " | ".join(map(_md, header)) + " |", "|" + "---|" * len(header)]
    for t in cmp.topics:
        cells = [cites(cmp.cell(o.key, t.id)) or f"**{GAP}**" for o in cmp.orgs]
        out.append("| " + " | ".join([_md(t.label)] + [_md(c) for c in cells] + [covered(cmp, t.id)]) + " |")
    out.append("\n### Gaps\n")
    for o in cmp.orgs:
        gaps = cmp.gaps(o.key)
        out.append(f"- **{_md(o.short)}**: " + (", ".join(cmp.topic(t).label for t in gaps) if gaps else "none"))
    return "\n".join(out) + "\n"


def _md_clauses(cmp: Comparison, width: int) -> str:
    out = ["## Clauses by topic\n"]
    for t in cmp.topics:
        out.append(f"### {t.label}\n")
        out.append(f"{t.description or ''} Covered by {covered(cmp, t.id)}.\n")
        for o in cmp.orgs:
            units = cmp.cell(o.key, t.id)
            out.append(f"#### {o.short}\n")
            if not units:
                out.append(f"*No clause on this topic ({GAP}).*\n")
            for u in units:
                where = f" ({u.context})" if u.context else ""
                out.append(f"**{u.cited()}**{where}\n")
                out.append("\n".join("> " + line if line else ">" for line in u.text.splitlines()) + "\n")
    return "\n".join(out)


def _md_similar(cmp: Comparison, width: int) -> str:
    out = ["## Clauses that say nearly the same thing\n", f"Cosine score of TF-IDF vectors, at least {cmp.min_score:.2f}.\n"]
    rows = [(t, p) for t in cmp.topics for p in cmp.similar(t.id)]
    if not rows:
        return "\n".join(out + ["None.\n"])
    out += ["| Topic | Clause | Clause | Score |", "|---|---|---|---|"]
    for t, p in rows:
        out.append(f"| {_md(t.label)} | {_md(_who(cmp, cmp.unit(p.a)))} | {_md(_who(cmp, cmp.unit(p.b)))} | {p.score:.2f} |")
    return "\n".join(out) + "\n"


def _md_suggestions(cmp: Comparison, width: int) -> str:
    out = ["## Clauses with no topic\n"]
    if not cmp.untagged:
        return "\n".join(out + ["Every clause has at least one topic.\n"])
    out += ["| Clause | Suggested topic | Score | Like |", "|---|---|---|---|"]
    for u in cmp.untagged:
        for s in cmp.suggestions(u) or [None]:
            if s is None:
                out.append(f"| {_md(_who(cmp, u))} | none | | |")
            else:
                out.append(f"| {_md(_who(cmp, u))} | {s.topic} | {s.score:.2f} | {_md(_who(cmp, cmp.unit(s.because)))} |")
    return "\n".join(out) + "\n"


_PARTS = {
    "table": {"matrix": _table_matrix, "clauses": _table_clauses, "similar": _table_similar, "suggestions": _table_suggestions},
    "markdown": {"matrix": _md_matrix, "clauses": _md_clauses, "similar": _md_similar, "suggestions": _md_suggestions},
}


# --- CSV ------------------------------------------------------------------------------------


def render_csv(cmp: Comparison, part: str) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    if part == "matrix":
        w.writerow(["topic_id", "topic"] + [o.key for o in cmp.orgs] + ["covered_by"])
        for t in cmp.topics:
            w.writerow([t.id, t.label] + [cites(cmp.cell(o.key, t.id)) for o in cmp.orgs] + [len(cmp.covered_by(t.id))])
    elif part == "clauses":
        w.writerow(["topic_id", "topic", "organisation", "clause", "clause_id", "text"])
        for t in cmp.topics:
            for o in cmp.orgs:
                units = cmp.cell(o.key, t.id)
                for u in units:
                    w.writerow([t.id, t.label, o.key, u.cited(), u.id, u.text])
                if not units:
                    w.writerow([t.id, t.label, o.key, "", "", ""])
    elif part == "similar":
        w.writerow(["topic_id", "organisation_a", "clause_a", "clause_id_a", "organisation_b", "clause_b", "clause_id_b", "score"])
        for t in cmp.topics:
            for p in cmp.similar(t.id):
                a, b = cmp.unit(p.a), cmp.unit(p.b)
                w.writerow([t.id, a.column, a.cite, a.id, b.column, b.cite, b.id, f"{p.score:.2f}"])
    elif part == "suggestions":
        w.writerow(["organisation", "clause", "clause_id", "suggested_topic", "score", "like_organisation", "like_clause", "like_clause_id"])
        for u in cmp.untagged:
            for s in cmp.suggestions(u):
                like = cmp.unit(s.because)
                w.writerow([u.column, u.cite, u.id, s.topic, f"{s.score:.2f}", like.column, like.cite, like.id])
    else:
        raise ValueError(part)
    return buf.getvalue()
