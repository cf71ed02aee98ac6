"""What the library site shows of each policy: its register entry, its kind and its version list,
and for a model or an adopter the other side of the adoption (an adopter's drift from its model,
read from ``diff/drift.py``; a model's adopters).

Worked out once from the checked documents (in the worker that makes the register), and
small and picklable, so the site's pages can be laid out after the documents are written,
when the size of each download is known. Nothing here knows of formats or files.
"""

from __future__ import annotations

from dataclasses import dataclass

from policygen.diff.drift import Drift, drift
from policygen.load.document import LoadedPolicy
from policygen.model.vocabulary import Vocabulary
from policygen.resolve.values import format_date
from policygen.review.register import Entry, by_due_date, entries


@dataclass(frozen=True)
class Version:
    """One row of a policy's version list, dates in words."""

    version: str
    date: str
    author: str
    changed: str  # the sections changed and what changed, as the YAML says it
    approved_by: str


@dataclass(frozen=True)
class Kind:
    id: str
    label: str


@dataclass(frozen=True)
class Related:
    """Another policy of the library a policy's page links to: its model, or one of its adopters."""

    org: str
    policy: str
    title: str
    org_name: str


@dataclass(frozen=True)
class Card:
    """A policy as its own page shows it."""

    entry: Entry
    kind: Kind | None
    versions: tuple[Version, ...]  # newest first
    approvals: tuple[tuple[str, str], ...] = ()  # ("Approved by", "Board, 18 November 2020"), then ratified, authorised
    drift: Drift | None = None  # an adopter's: each model clause as model, changed, removed; its additions
    model: Related | None = None  # an adopter's model, when the library has it
    adopters: tuple[Related, ...] = ()  # a model's, by organisation then policy


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    short_name: str


@dataclass(frozen=True)
class Library:
    organisations: tuple[Organisation, ...]  # by name, as a reader looks one up
    kinds: tuple[Kind, ...]  # those the policies have, in the vocabulary's order
    cards: tuple[Card, ...]  # most urgent first, as the register lists them

    def of_organisation(self, org_id: str) -> list[Card]:
        return [c for c in self.cards if c.entry.org == org_id]

    def of_kind(self, kind_id: str) -> list[Card]:
        return [c for c in self.cards if c.kind and c.kind.id == kind_id]


def _versions(doc: LoadedPolicy) -> tuple[Version, ...]:
    rows = reversed(doc.model.version_history)  # the YAML lists them oldest first
    return tuple(
        Version(
            version=r.version,
            date=format_date(r.date, "long") if r.date else "",
            author=r.author or "",
            changed=" — ".join(t for t in (r.sections, r.description) if t),
            approved_by=r.approved_by or "",
        )
        for r in rows
    )


def _approvals(doc: LoadedPolicy) -> tuple[tuple[str, str], ...]:
    """Each body that approved, ratified or authorised the policy, with its own date: the
    register's one approval date is the latest, which is not the approving body's own."""
    dc = doc.model.document_control
    found = (("Approved by", dc.approved), ("Ratified by", dc.ratified), ("Authorised by", dc.authorised))
    return tuple(
        (label, ", ".join(t for t in (a.body, format_date(a.date, "long") if a.date else "") if t))
        for label, a in found if a and (a.body or a.date)
    )


def _kind(doc: LoadedPolicy, vocabulary: Vocabulary | None) -> Kind | None:
    """The kind it declares, else the one its id names (as `policygen new` decides)."""
    kind_id = doc.model.kind or (vocabulary.kind_named_by(doc.model.id) if vocabulary else None)
    if not kind_id:
        return None
    known = vocabulary.kind(kind_id) if vocabulary else None
    return Kind(kind_id, known.label if known else kind_id.replace("-", " ").capitalize())


def _related(doc: LoadedPolicy) -> Related:
    return Related(doc.target.org_id, doc.target.policy_id, doc.model.document_control.title, doc.org.model.name)


def _adoption(doc: LoadedPolicy, docs: list[LoadedPolicy]) -> dict:
    """The card's adoption fields: an adopter's drift and model, a model's adopters."""
    key = str(doc.target)
    model = next((_related(d) for d in docs if doc.adopted and str(d.target) == doc.model.adopts.policy), None)
    adopters = sorted((_related(d) for d in docs if d.adopted and d.model.adopts.policy == key), key=lambda r: (r.org, r.policy))
    return {"drift": drift(doc) if doc.adopted else None, "model": model, "adopters": tuple(adopters)}


def library(docs: list[LoadedPolicy], vocabulary: Vocabulary | None) -> Library:
    by_key = {(d.target.org_id, d.target.policy_id): d for d in docs}
    cards = tuple(
        Card(e, _kind(doc, vocabulary), _versions(doc), _approvals(doc), **_adoption(doc, docs))
        for e in by_due_date(entries(docs)) for doc in [by_key[(e.org, e.policy)]]
    )
    orgs = {d.org.model.id: Organisation(d.org.model.id, d.org.model.name, d.org.model.short_name) for d in docs}
    order = vocabulary.kind_ids() if vocabulary else []
    kinds = sorted({c.kind for c in cards if c.kind}, key=lambda k: (k.id not in order, order.index(k.id) if k.id in order else 0, k.id))
    return Library(tuple(sorted(orgs.values(), key=lambda o: (o.name.casefold(), o.id))), tuple(kinds), cards)
