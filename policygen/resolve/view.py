"""The view model: everything a renderer needs, numbered, ordered and formatted.

Built once per document from the validated models. Numbers, anchors, the
contents, formatted dates and the reference table all come from here; the
HTML, PDF and DOCX renderers only lay them out.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from policygen.model import Organisation, Policy
from policygen.load.document import LoadedPolicy
from policygen.load.images import PictureFile, open_picture
from policygen.load.word_template import WordTemplateFile, open_word_template
from policygen.model.base import PolicyDate
from policygen.model.content import Appendix, Clause, Definitions, Figure, Include, Section, Table
from policygen.model.organisation import LevelStyle, NumberKind, Picture, Style
from policygen.model.schedule import due_date
from policygen.model.walk import includes
from policygen.resolve.citations import MAPPING_HEADER, NO_MAPPING, MappingRow, ReferencesTable, citation_targets, references_table, standards_mapping
from policygen.resolve.eia import EIAView, resolve_eia
from policygen.resolve.identifiers import statement_identifiers
from policygen.resolve.numbering import Number, house_levels, number
from policygen.resolve.text import RefContext, Target
from policygen.resolve.tables import TableLayout, layout
from policygen.resolve.values import field_value, format_value


@dataclass(frozen=True)
class PictureView:
    """A figure or logo with its file read: every format embeds the same bytes."""

    alt: str
    caption: str | None
    file: PictureFile
    fallback: PictureFile | None  # the PNG or JPEG Word shows in place of an SVG

    @property
    def bitmap(self) -> PictureFile:
        """The picture as a PNG or JPEG, for formats that cannot show SVG."""
        return self.fallback or self.file


def _picture(picture: Picture, folder: Path) -> PictureView:
    """Reads the picture's files; validation has vetted them, and open_picture vets them again."""
    fallback = open_picture(folder, picture.fallback) if picture.fallback else None
    return PictureView(picture.alt, getattr(picture, "caption", None), open_picture(folder, picture.src), fallback)


@dataclass
class Node:
    """A block of the body with its generated number and heading level."""

    id: str
    kind: str  # section | clause | table | definitions | figure | include | appendix
    block: Any  # the model object (text, rows, terms… are read from it)
    number: str | None = None  # as cited: "5.1", "3.0", "4.2(a)"
    label: str | None = None  # as printed before the heading or clause: "5.", "a)"
    title: str | None = None
    heading_level: int | None = None  # 2–4 for titled sections and appendices
    identifier: str | None = None  # a clause's statement identifier ("POL.ABC.001", "REQ-12")
    children: list["Node"] = field(default_factory=list)
    picture: PictureView | None = None  # a figure's, read from the organisation's folder
    table: TableLayout | None = None  # a table block laid out

    @property
    def anchor(self) -> str:
        return self.id


@dataclass
class ContentsEntry:
    label: str | None
    title: str
    anchor: str
    children: list["ContentsEntry"] = field(default_factory=list)


@dataclass
class Row:
    label: str
    value: str


@dataclass
class DocumentView:
    org: Organisation
    policy: Policy
    style: Style
    numbered: bool  # whether the body's numbering numbers anything: Word then hangs numbers in headings
    identified: bool  # whether any clause has a statement identifier: only then does the HTML carry their style
    refs: RefContext
    title: str
    reference: str | None
    version: str | None
    next_review: str
    front_sheet: list[Row]
    signatories: list[list[str]]
    version_columns: list[str]
    version_rows: list[list[str]]
    contents: list[ContentsEntry]
    preamble: list[Node]
    sections: list[Node]
    appendices: list[Node]
    closing: list[Node]
    eia: EIAView | None
    references: ReferencesTable
    standards_mapping: list[MappingRow]
    mapping_follows_references: bool  # no block places the mapping: it follows the references table
    published_on: PolicyDate | None  # for document metadata: the earliest date the policy states
    revised_on: PolicyDate | None  # the latest date the policy states
    logo: PictureView | None = None
    word_template: WordTemplateFile | None = None  # the organisation's own, which the DOCX is built on
    adopts: str | None = None  # which model and version an adopted policy follows, said under its title
    standing: str | None = None  # an as-at build's "As it stood on …: version …, in force from …" (policygen.history)

    def pictures(self) -> list[PictureView]:
        """The logo and every figure's picture, in document order."""

        def walk(nodes: list[Node]) -> list[PictureView]:
            return [p for n in nodes for p in ([n.picture] if n.picture else []) + walk(n.children)]

        return ([self.logo] if self.logo else []) + walk(self.preamble + self.sections + self.appendices)

    def list_kind(self, depth: int) -> NumberKind | None:
        """How a numbered list at ``depth`` (0 outermost, counting every list) counts, where the
        house style says; None leaves each format its own default."""
        kinds = self.style.lists
        return NumberKind(kinds[min(depth, len(kinds) - 1)]) if kinds else None

    @property
    def mapping_header(self) -> list[str]:
        return MAPPING_HEADER

    @property
    def no_mapping(self) -> str:
        return NO_MAPPING

    @property
    def blocks(self) -> list[str]:
        return list(self.style.blocks)

    @property
    def printed_statement(self) -> str | None:
        """The controlled-document words for every printed page, in the organisation's words."""
        return self.style.printed_copy_statement or self.style.controlled_document


class _Numberer:
    """Walks the body giving each block its number, label and heading level.

    Each run of blocks takes the first of the level styles it is given and passes the rest
    down; a section's own ``levels`` replace them for what it holds. Under a section without a
    number (``numbered: false``, or a level of kind none) what takes a number starts from 1 at its
    level with no parent number; under ``numbered: false`` only subsections, and clauses marked
    ``numbered: true``, take one, since the author chose no numbers there.
    """

    def __init__(self, style: Style, folder: Path | None, identifiers: dict[str, str]) -> None:
        self.number_clauses = style.number_clauses
        self.folder = folder
        self.identifiers = identifiers
        self.targets: dict[str, Target] = {}

    def blocks(self, blocks: list[Any], levels: tuple[LevelStyle, ...], parent: Number | None,
               heading_level: int, afresh: bool = False) -> list[Node]:
        nodes: list[Node] = []
        count = 0
        for block in blocks:
            num = None
            if levels and self._takes_number(block, afresh):
                count += 1
                num = number(levels[0], count, parent)
            nodes.append(self.node(block, num, levels[1:], heading_level))
        return nodes

    def _takes_number(self, block: Any, afresh: bool) -> bool:
        if isinstance(block, Section):
            return block.numbered
        if isinstance(block, Clause):
            if block.numbered is not None:
                return block.numbered
            return self.number_clauses and not afresh
        return False

    def node(self, block: Any, num: Number | None, levels: tuple[LevelStyle, ...], heading_level: int) -> Node:
        cite = num.cite if num else None
        node = Node(block.id, _kind(block), block, cite, num.label if num else None, identifier=self.identifiers.get(block.id))
        if isinstance(block, Table):
            node.table = layout(block)
        if isinstance(block, Section):
            node.title = block.title
            child_level = heading_level
            if block.title:
                node.heading_level = heading_level
                child_level = heading_level + 1
            inner = tuple(block.levels) if block.levels is not None else levels
            node.children = self.blocks(block.blocks, inner, num, child_level, afresh=not block.numbered)
        elif isinstance(block, Figure) and self.folder is not None:
            node.picture = _picture(block.figure, self.folder)
        self.targets[block.id] = Target(block.id, cite, node.title, node.kind, node.identifier)
        return node

    def appendix(self, app: Appendix) -> Node:
        node = Node(app.id, "appendix", app, app.label, app.label, app.title, heading_level=2)
        node.children = self.blocks(app.blocks, (), None, 3)
        self.targets[app.id] = Target(app.id, app.label, app.title, "appendix")
        return node


def _kind(block: Any) -> str:
    return {Section: "section", Clause: "clause", Table: "table", Definitions: "definitions", Figure: "figure", Include: "include"}[type(block)]


def _contents(nodes: list[Node], depth: int, max_depth: int) -> list[ContentsEntry]:
    out: list[ContentsEntry] = []
    for node in nodes:
        if node.kind in ("section", "appendix") and node.title:
            entry = ContentsEntry(node.label, node.title, node.anchor)
            if depth < max_depth:
                entry.children = _contents(node.children, depth + 1, max_depth)
            out.append(entry)
        elif node.kind == "section":  # untitled wrapper: lift titled descendants
            out.extend(_contents(node.children, depth, max_depth))
    return out


def _linked_targets(org: Organisation, linked: dict[str, LoadedPolicy]) -> dict[str, Target]:
    """Each ``policy#id`` key's block in the other policy, numbered by that policy's own view, so
    its number is the one its own outputs print; the link points at its output beside this one's."""
    targets: dict[str, Target] = {}
    for key, other in linked.items():
        view = build_view(other.org.model, other.model)
        same_org = other.target.org_id == org.id
        document = other.target.policy_id if same_org else f"../{other.target.org_id}/{other.target.policy_id}"
        block = view.refs.targets[key.rpartition("#")[2]]
        targets[key] = replace(block, document=document, policy_title=view.title)
    return targets


def build_view(org: Organisation, policy: Policy, folder: Path | None = None,
               linked: dict[str, LoadedPolicy] | None = None) -> DocumentView:
    """The document's view; pictures are read from ``folder``, the organisation's. Without
    one (comparisons and diffs, which show no pictures) figures and the logo carry none.
    ``linked`` holds the other policies its references name (validation found them); without
    them such references stay as written."""
    style = org.style
    identifiers = {item.block.id: ident for item, ident in statement_identifiers(policy)}
    numberer = _Numberer(style, folder, identifiers)
    levels = tuple(policy.levels) if policy.levels is not None else house_levels(style)
    preamble = numberer.blocks(policy.preamble, (), None, 2)
    sections = numberer.blocks(policy.sections, levels, None, 2)
    appendices = [numberer.appendix(a) for a in policy.appendices]
    closing = numberer.blocks(policy.closing, (), None, 2)
    dc = policy.document_control
    due = due_date(policy)
    citations = citation_targets(policy.references)
    mapping = standards_mapping(_clauses(preamble + sections + appendices + closing, ""), citations)

    signatories = [
        [role, format_value(getattr(p, "name", None), org), _person_role(p, org), format_value(p.date, org)]
        for role, people in (("Author", [dc.author]), ("Reviewers", dc.reviewers), ("Authoriser", [dc.authorised]))
        for p in people
        if p is not None
    ]
    return DocumentView(
        org=org,
        policy=policy,
        style=style,
        numbered=any(level.kind is not NumberKind.none for level in levels),
        identified=bool(identifiers),
        refs=RefContext.for_org(org, numberer.targets | _linked_targets(org, linked or {}), citations),
        title=dc.title,
        reference=dc.reference,
        version=dc.version,
        next_review=format_value(due, org),
        front_sheet=_front_sheet(policy, due, org),
        signatories=signatories,
        version_columns=[c.label for c in style.version_history],
        version_rows=[[field_value(row, c.field, org) for c in style.version_history] for row in policy.version_history],
        contents=_contents(sections, 1, style.contents_depth) + _contents(appendices, 1, 1),
        preamble=preamble,
        sections=sections,
        appendices=appendices,
        closing=closing,
        eia=resolve_eia(policy.eia),
        references=references_table(policy),
        standards_mapping=mapping,
        mapping_follows_references=bool(mapping) and not includes(policy, "standards_mapping"),
        published_on=min(_dates(policy), default=None, key=PolicyDate.first_day),
        revised_on=max(_dates(policy), default=None, key=PolicyDate.first_day),
        logo=_picture(style.logo, folder) if style.logo and folder is not None else None,
        word_template=open_word_template(folder, style.word_template) if style.word_template and folder is not None else None,
        adopts=_adopts(policy),
    )


def _adopts(policy: Policy) -> str | None:
    """The line under an adopted policy's title: a reader can find the model it follows."""
    adoption = policy.adopts
    if adoption is None or adoption.model is None:
        return None
    return f"Adopts {adoption.model.title} version {adoption.version}, a model policy of {adoption.model.organisation}"


def _clauses(nodes: list[Node], heading: str):
    """Each clause with its number as cited (else its identifier, else its heading) and the
    heading it sits under, as a section's reference prints it ("4 Confidentiality")."""
    for n in nodes:
        if n.kind == "clause":
            yield n.block, n.number or n.identifier or heading, heading
        elif n.title:
            yield from _clauses(n.children, f"{n.number} {n.title}" if n.number else n.title)
        else:
            yield from _clauses(n.children, heading)


def _front_sheet(policy: Policy, due: PolicyDate | None, org: Organisation) -> list[Row]:
    """The organisation's rows, then the policy's own labelled ones; a row the policy leaves
    blank is kept, as on a paper form, unless the house style hides blank rows. A policy's own
    row is always kept: it is there because its author wrote it, blank or not."""
    shown = _with_due_date(policy, due)
    rows = [Row(r.label, field_value(shown, r.field, org)) for r in org.style.front_sheet]
    if org.style.front_sheet_empty_rows == "hide":
        rows = [r for r in rows if r.value.strip()]
    return rows + [Row(r.label, r.value) for r in policy.document_control.extra]


def _with_due_date(policy: Policy, due: PolicyDate | None) -> Policy:
    """The policy as the front sheet reads it: review.next_review is the date it is due, which the
    rule (or an extension) gives when the data does not fix it, so no format leaves it out."""
    return policy.model_copy(update={"review": policy.review.model_copy(update={"next_review": due})})


def _dates(policy: Policy) -> list[PolicyDate]:
    dc = policy.document_control
    approvals = [a.date for a in (dc.approved, dc.ratified, dc.authorised) if a is not None]
    history = [row.date for row in policy.version_history]
    return [d for d in (dc.issued, dc.effective, dc.last_review, *approvals, *history) if d is not None]


def _person_role(person: Any, org: Organisation) -> str:
    """The role column of the signatories table: job title, or the approving body."""
    if hasattr(person, "body"):
        return person.body
    if person.role and person.role in org.roles:
        return org.roles[person.role].title
    return person.title or ""
