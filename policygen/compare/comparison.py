"""The comparison of one kind of policy across organisations: coverage matrix, clauses per topic, scores.

Policies are compared by their kind (``Vocabulary.kind_of``), whatever their file ids: one
organisation's ``ig-policy`` beside another's ``information-governance``. Each policy is a
column; an organisation with two policies of the kind has two.

Coverage is read from the ``topics:`` of each unit itself. A section's own
``topics:`` describe the section as a whole and are not passed down to its
clauses: a cell claims that a clause says something about the topic, so only
the clause's own tags count. A clause without topics is listed, with the
topics of its most similar tagged clauses suggested (and never applied unless
the user asks: ``policygen compare --accept-suggestions``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from policygen.compare.units import OrgPolicy, Unit, org_policy
from policygen.load.document import LoadedPolicy
from policygen.model.vocabulary import Topic, Vocabulary

DEFAULT_MIN_SCORE = 0.35  # "nearly the same thing": 99% of cross-organisation pairs score below 0.26


@dataclass
class Comparison:
    kind: str
    orgs: list[OrgPolicy]  # the columns, in order
    vocabulary: Vocabulary
    topic_ids: list[str]  # the topics asked about, in their kind's order
    min_score: float = DEFAULT_MIN_SCORE
    _cells: dict[tuple[str, str], list[Unit]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for org in self.orgs:
            for unit in org.units:
                for topic in unit.topics:
                    self._cells.setdefault((org.key, topic), []).append(unit)

    # --- coverage -------------------------------------------------------------------------

    @property
    def topics(self) -> list[Topic]:
        by_id = {t.id: t for t in self.vocabulary.topics}
        return [by_id[t] for t in self.topic_ids]

    def topic(self, topic_id: str) -> Topic:
        return next(t for t in self.vocabulary.topics if t.id == topic_id)

    def cell(self, column: str, topic_id: str) -> list[Unit]:
        """The units of one column tagged with a topic, in document order (empty: a gap)."""
        return self._cells.get((column, topic_id), [])

    def covered_by(self, topic_id: str) -> list[str]:
        return [o.key for o in self.orgs if self.cell(o.key, topic_id)]

    def gaps(self, column: str) -> list[str]:
        """Topics (of those asked about) that another column covers and this one does not."""
        return [
            t for t in self.topic_ids
            if not self.cell(column, t) and any(self.cell(o.key, t) for o in self.orgs if o.key != column)
        ]

    def org(self, column: str) -> OrgPolicy:
        return next(o for o in self.orgs if o.key == column)

    def unit(self, key: tuple[str, str]) -> Unit:
        return self.org(key[0]).unit(key[1])

    @property
    def adopters(self) -> list[OrgPolicy]:
        """The columns whose policy adopts a model, so their clauses carry a provenance."""
        return [o for o in self.orgs if o.doc.adopted is not None]

    @property
    def untagged(self) -> list[Unit]:
        return [u for o in self.orgs for u in o.units if not u.topics]

    # --- similarity -----------------------------------------------------------------------

    @cached_property
    def similarity(self):
        from policygen.compare.similarity import Similarity

        names = {
            o.key: [o.view.org.name, o.view.org.short_name or "", o.view.org.referred_to_as or ""]
            for o in self.orgs
        }
        return Similarity([u for o in self.orgs for u in o.units], names)

    def suggestions(self, unit: Unit):
        """Topics for an untagged unit, only from those its kind may carry."""
        return self.similarity.suggest(unit, set(self.vocabulary.topic_ids(self.kind)))

    def similar(self, topic_id: str):
        """Pairs of one topic's clauses, from different columns, that say nearly the same thing."""
        units = [u for o in self.orgs for u in self.cell(o.key, topic_id)]
        return self.similarity.pairs(units, self.min_score)

    @property
    def title(self) -> str:
        """The kind's label in the vocabulary ("Social media")."""
        return kind_title(self.vocabulary, self.kind)


def kind_title(vocabulary: Vocabulary, kind: str) -> str:
    found = vocabulary.kind(kind)
    return found.label if found else kind.replace("-", " ").capitalize()


def policy_kind(doc: LoadedPolicy, vocabulary: Vocabulary) -> str | None:
    return vocabulary.kind_of(doc.model.kind, doc.target.policy_id)


def by_kind(docs: list[LoadedPolicy], vocabulary: Vocabulary) -> dict[str, list[LoadedPolicy]]:
    """The documents grouped by kind, kinds sorted; a document with no kind (an error validate reports) in none."""
    out: dict[str, list[LoadedPolicy]] = {}
    for doc in docs:
        kind = policy_kind(doc, vocabulary)
        if kind is not None:
            out.setdefault(kind, []).append(doc)
    return dict(sorted(out.items()))


def compare(
    docs: list[LoadedPolicy],
    vocabulary: Vocabulary,
    topics: list[str] | None = None,
    min_score: float = DEFAULT_MIN_SCORE,
) -> Comparison:
    """Compare checked documents of one kind, one column each, ordered by organisation then policy id."""
    kinds = {policy_kind(d, vocabulary) for d in docs}
    if len(kinds) != 1 or None in kinds:
        raise ValueError(f"compare one kind at a time, not {sorted(map(str, kinds))}")
    kind = kinds.pop()
    per_org = Counter(d.target.org_id for d in docs)
    ordered = sorted(docs, key=lambda d: (d.target.org_id, d.target.policy_id))
    orgs = [org_policy(d, per_org[d.target.org_id] > 1) for d in ordered]
    wanted = set(topics) if topics else None
    topic_ids = [t for t in vocabulary.topic_ids(kind) if wanted is None or t in wanted]
    return Comparison(kind, orgs, vocabulary, topic_ids, min_score)
