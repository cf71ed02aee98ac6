"""A policy cut into the rows of the search index: one per unit a reader can cite.

The units are the comparison's (``policygen.compare.units``): clauses, tables,
definitions lists and sections with lead text, each with the number its document
prints and the heading it sits under, and its words as readers see them (role
names, reference numbers resolved). Search and comparison therefore cite a
clause the same way, and neither re-derives numbering.
"""

from __future__ import annotations

from dataclasses import dataclass

from policygen.compare.units import org_policy
from policygen.load.document import LoadedPolicy
from policygen.model.vocabulary import Vocabulary


@dataclass(frozen=True)
class Row:
    org: str
    org_name: str
    policy: str
    title: str
    kind: str  # the policy's kind ("" for none)
    unit: str  # clause | table | definitions | section
    number: str  # how its document cites it: "5.1", "Scope ¶2", "4.2 REQ-12"
    heading: str  # the heading it sits under, "" at the top
    block: str  # its id, also its anchor in the organisation's HTML
    text: str
    order: int  # document order within the policy


def policy_kind(doc: LoadedPolicy, vocabulary: Vocabulary | None) -> str:
    """The kind the policy declares, else the kind its id names ('safeguarding-adults' → safeguarding)."""
    if doc.model.kind:
        return doc.model.kind
    return (vocabulary.kind_named_by(doc.target.policy_id) if vocabulary else None) or ""


def rows_of(doc: LoadedPolicy, vocabulary: Vocabulary | None) -> list[Row]:
    policy = org_policy(doc)
    kind = policy_kind(doc, vocabulary)
    return [
        Row(policy.org_id, policy.name, policy.policy_id, policy.view.title, kind, u.kind, u.cite,
            u.heading or "", u.id, u.text, u.order)
        for u in policy.units
        if u.text.strip()
    ]
