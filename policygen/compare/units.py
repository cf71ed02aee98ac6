"""Each organisation's comparable units, cited the way a reader finds them in its document.

A unit is what a topic is tagged on and what has words to compare: a clause, a
table, a definitions list, or a section with lead text (EPUT 5.1, 6.1). Includes
(generated parts) and missing appendices have no words of their own.

A unit is cited by its generated number ("5.1", "3.0"). An unnumbered one (CPSS
numbers nothing; SWL CCG numbers sections, not clauses) is cited by the nearest
numbered section, else the nearest heading (or "Front matter"), with "¶n" when that section holds
more than one unnumbered unit: "5.2 ¶1", "Assume permanence ¶2". A clause with a statement
identifier has it beside its number ("4.2 REQ-12"), or alone when unnumbered. Numbers, identifiers
and headings come from the view model, never re-derived.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from policygen.compare.plain import plain_text
from policygen.compare.provenance import provenance
from policygen.load.document import LoadedPolicy
from policygen.resolve import DocumentView, build_view
from policygen.resolve.tables import TableLayout, body_rows
from policygen.resolve.view import Node

PARA = "¶"


@dataclass
class Unit:
    column: str  # the comparison's column it sits in (``OrgPolicy.key``)
    id: str  # the block id, which is also its anchor in the organisation's HTML
    kind: str  # clause | table | definitions | section
    cite: str  # "5.1", "5.2 ¶1", "Scope ¶2", "4.2 REQ-12" (number and statement identifier)
    heading: str | None  # the heading it sits under, for context: "5.2 Respect safeguarding issues"
    topics: tuple[str, ...]
    text: str  # plain text, references resolved
    block: Any  # the model object, for the HTML page
    table: TableLayout | None  # a table laid out, for the HTML page
    order: int  # document order within its organisation
    short: str = ""  # the cite with a long heading cut short, for the terminal matrix
    provenance: str | None = None  # an adopter's clause: "as model", "local variation" or "local only"

    @property
    def anchor(self) -> str:
        return self.id

    @property
    def context(self) -> str | None:
        """The heading to show beside the cite, unless the cite already is that heading."""
        if not self.heading or self.cite.startswith(self.heading):
            return None
        if self.heading.startswith(self.cite + " "):  # "5.1.5 Whistleblowing" beside "5.1.5"
            return self.heading[len(self.cite) + 1:]
        return self.heading

    @property
    def key(self) -> tuple[str, str]:
        return (self.column, self.id)

    def cited(self, short: bool = False) -> str:
        """The cite (or its short form) with the clause's provenance beside it: "1.2 (local variation)"."""
        cite = self.short if short else self.cite
        return f"{cite} ({self.provenance})" if self.provenance else cite


@dataclass
class OrgPolicy:
    """One organisation's policy, viewed and cut into units: one column of a comparison.

    ``shares_org``: the organisation has another policy of the same kind in the comparison
    (safeguarding adults and safeguarding children), so the column is keyed and labelled by
    the policy as well as the organisation.
    """

    doc: LoadedPolicy
    view: DocumentView
    shares_org: bool = False
    units: list[Unit] = field(default_factory=list)

    @property
    def org_id(self) -> str:
        return self.doc.target.org_id

    @property
    def policy_id(self) -> str:
        return self.doc.target.policy_id

    @property
    def key(self) -> str:
        """The column's id: the organisation's, with the policy's where the organisation has two of the kind."""
        return f"{self.org_id}/{self.policy_id}" if self.shares_org else self.org_id

    @property
    def org_name(self) -> str:
        return self.view.org.name

    @property
    def org_short(self) -> str:
        return self.view.org.short_name or self.view.org.name

    @property
    def name(self) -> str:
        return self._labelled(self.org_name)

    @property
    def short(self) -> str:
        return self._labelled(self.org_short)

    @property
    def is_model(self) -> bool:
        """The model policy itself: its organisation is a model body."""
        return self.doc.org.model.model

    def _labelled(self, org: str) -> str:
        org = f"Model: {org}" if self.is_model else org
        return f"{org}: {self.view.title}" if self.shares_org else org

    @property
    def html_path(self) -> str:
        """The organisation's HTML policy, relative to build/."""
        return f"{self.org_id}/{self.policy_id}.html"

    def unit(self, block_id: str) -> Unit:
        return next(u for u in self.units if u.id == block_id)


def org_policy(doc: LoadedPolicy, shares_org: bool = False) -> OrgPolicy:
    view = build_view(doc.org.model, doc.model, linked=doc.linked)  # other policies' blocks cited as their documents cite them
    result = OrgPolicy(doc, view, shares_org)
    _Collector(result).run()
    origins = provenance(doc)
    for unit in result.units:
        unit.provenance = origins.get(unit.id)
    return result


class _Collector:
    def __init__(self, target: OrgPolicy) -> None:
        self.target = target
        self.groups: dict[tuple[int, str], list[Unit]] = {}  # (id(base node), its words) → its unnumbered units

    def run(self) -> None:
        view = self.target.view
        self.walk(view.preamble, base=None, base_text="Front matter", heading=None)
        self.walk(view.sections, base=None, base_text="", heading=None)
        for app in view.appendices:
            title = " ".join(p for p in (app.label, app.title) if p)
            self.walk(app.children, base=app, base_text=app.label or app.title, heading=title)
        self.walk(view.closing, base=None, base_text="Closing notes", heading=None)
        shorts = _shorten({u.cite for u in self.target.units})
        for unit in self.target.units:
            unit.short = shorts[unit.cite]
        for units in self.groups.values():
            if len(units) > 1:
                for i, unit in enumerate(units, 1):
                    unit.cite = f"{unit.cite} {PARA}{i}"
                    unit.short = f"{unit.short} {PARA}{i}"

    def walk(self, nodes: list[Node], base: Node | None, base_text: str, heading: str | None) -> None:
        for node in nodes:
            if node.kind == "section":
                inner_base, inner_text, inner_heading = base, base_text, heading
                if node.number or node.title:
                    inner_base, inner_text = node, node.number or node.title or ""
                    inner_heading = " ".join(p for p in (node.number, node.title) if p) or heading
                if node.block.text:
                    if node.number or node.title:  # cited by its own number or heading
                        self.add(node, None, node.number or node.title or "", inner_heading, group=False)
                    else:
                        self.add(node, base, base_text, heading)
                self.walk(node.children, inner_base, inner_text, inner_heading)
            elif node.kind in ("clause", "table", "definitions"):
                self.add(node, base, base_text, heading)

    def add(self, node: Node, base: Node | None, base_text: str, heading: str | None, group: bool = True) -> None:
        unit = Unit(
            column=self.target.key,
            id=node.id,
            kind=node.kind,
            cite=_cite(node, base_text),
            heading=heading,
            topics=tuple(getattr(node.block, "topics", ())),
            text=self.text(node),
            block=node.block,
            table=node.table,
            order=len(self.target.units),
        )
        self.target.units.append(unit)
        if group and not node.number and not node.identifier:
            self.groups.setdefault((id(base), base_text), []).append(unit)

    def text(self, node: Node) -> str:
        refs = self.target.view.refs
        block = node.block
        if node.kind == "table":
            rows = [block.caption or "", *(" | ".join(h) for h in block.header_rows)]
            rows += [" | ".join(plain_text(c, refs).replace("\n", " ") for c in row) for row in body_rows(block)]
            return "\n".join(r for r in rows if r)
        if node.kind == "definitions":
            return "\n".join(f"{d.term}: {plain_text(d.definition, refs)}" for d in block.terms)
        return plain_text(block.text, refs)


SHORT = 26


def _cite(node: Node, base_text: str) -> str:
    """Its number with its statement identifier beside it ("4.2 REQ-12"); an identifier alone
    cites an unnumbered clause, being unique in the policy."""
    if node.identifier:
        return f"{node.number} {node.identifier}" if node.number else node.identifier
    return node.number or base_text or node.id


def _shorten(cites: set[str]) -> dict[str, str]:
    """Long headings cut at a word to about SHORT characters, "…" added, kept distinct."""
    out: dict[str, str] = {}
    for cite in cites:
        words = cite.split()
        n = 1
        while n < len(words) and len(" ".join(words[: n + 1])) <= SHORT:
            n += 1
        while n < len(words):
            if not any(o != cite and o.startswith(" ".join(words[:n])) for o in cites):
                break
            n += 1
        out[cite] = cite if n >= len(words) or len(cite) <= SHORT + 4 else " ".join(words[:n]) + "…"
    return out
