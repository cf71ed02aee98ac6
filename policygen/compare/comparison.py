"""The comparison of one policy across organisations: coverage matrix, clauses per topic, scores.

Coverage is read from the ``topics:`` of each unit itself. A section's own
``topics:`` describe the section as a whole and are not passed down to its
clauses: a cell claims that a clause says something about the topic, so only
the clause's own tags count. A clause without topics is listed, with the
topics of its most similar tagged clauses suggested (and never applied unless
the user asks: ``policygen compare --accept-suggestions``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from policygen.compare.units import OrgPolicy, Unit, org_policy
from policygen.load.document import LoadedPolicy
from policygen.model.vocabulary import Topic, Vocabulary
from policygen.project import Project

DEFAULT_MIN_SCORE = 0.35  # "nearly the same thing": 99% of cross-organisation pairs score below 0.26


@dataclass
class Comparison:
    policy_id: str
    orgs: list[OrgPolicy]
    vocabulary: Vocabulary
    topic_ids: list[str]  # the topics asked about, in their kind's order
    min_score: float = DEFAULT_MIN_SCORE
    _cells: dict[tuple[str, str], list[Unit]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for org in self.orgs:
            for unit in org.units:
                for topic in unit.topics:
                    self._cells.setdefault((org.org_id, topic), []).append(unit)

    # --- coverage -------------------------------------------------------------------------

    @property
    def topics(self) -> list[Topic]:
        by_id = {t.id: t for t in self.vocabulary.topics}
        return [by_id[t] for t in self.topic_ids]

    def topic(self, topic_id: str) -> Topic:
        return next(t for t in self.vocabulary.topics if t.id == topic_id)

    def cell(self, org_id: str, topic_id: str) -> list[Unit]:
        """The units of one organisation tagged with a topic, in document order (empty: a gap)."""
        return self._cells.get((org_id, topic_id), [])

    def covered_by(self, topic_id: str) -> list[str]:
        return [o.org_id for o in self.orgs if self.cell(o.org_id, topic_id)]

    def gaps(self, org_id: str) -> list[str]:
        """Topics (of those asked about) that another organisation covers and this one does not."""
        return [
            t for t in self.topic_ids
            if not self.cell(org_id, t) and any(self.cell(o.org_id, t) for o in self.orgs if o.org_id != org_id)
        ]

    def org(self, org_id: str) -> OrgPolicy:
        return next(o for o in self.orgs if o.org_id == org_id)

    def unit(self, key: tuple[str, str]) -> Unit:
        return self.org(key[0]).unit(key[1])

    @property
    def untagged(self) -> list[Unit]:
        return [u for o in self.orgs for u in o.units if not u.topics]

    # --- similarity -----------------------------------------------------------------------

    @cached_property
    def similarity(self):
        from policygen.compare.similarity import Similarity

        names = {
            o.org_id: [o.view.org.name, o.view.org.short_name or "", o.view.org.referred_to_as or ""]
            for o in self.orgs
        }
        return Similarity([u for o in self.orgs for u in o.units], names)

    def suggestions(self, unit: Unit):
        """Topics for an untagged unit, only from those its own policy's kind may carry."""
        return self.similarity.suggest(unit, set(self.vocabulary.topic_ids(self.org(unit.org).doc.model.kind)))

    def similar(self, topic_id: str):
        """Pairs of one topic's clauses, from different organisations, that say nearly the same thing."""
        units = [u for o in self.orgs for u in self.cell(o.org_id, topic_id)]
        return self.similarity.pairs(units, self.min_score)

    @property
    def title(self) -> str:
        return self.policy_id.replace("-", " ").capitalize()


def policy_ids(project: Project) -> dict[str, list[str]]:
    """Each policy id with the organisations that have it, both sorted."""
    out: dict[str, list[str]] = {}
    for org in project.org_ids():
        for pol in project.policy_ids(org):
            out.setdefault(pol, []).append(org)
    return dict(sorted(out.items()))


def kind_topics(docs: list[LoadedPolicy], vocabulary: Vocabulary) -> list[str]:
    """The topics the documents' kinds may carry (a kind's own order first): the rows a comparison can have.

    Another kind's topics would only be rows of gaps. A document with no kind may carry any topic.
    """
    out: dict[str, None] = {}
    for kind in sorted({d.model.kind or "" for d in docs}):
        out.update(dict.fromkeys(vocabulary.topic_ids(kind or None)))
    return list(out)


def compare(
    docs: list[LoadedPolicy],
    vocabulary: Vocabulary,
    topics: list[str] | None = None,
    min_score: float = DEFAULT_MIN_SCORE,
) -> Comparison:
    """Compare checked documents of one policy id (one organisation each)."""
    policy = {d.target.policy_id for d in docs}
    if len(policy) != 1:
        raise ValueError(f"compare one policy at a time, not {sorted(policy)}")
    orgs = sorted((org_policy(d) for d in docs), key=lambda o: o.org_id)
    wanted = set(topics) if topics else None
    topic_ids = [t for t in kind_topics(docs, vocabulary) if wanted is None or t in wanted]
    return Comparison(policy.pop(), orgs, vocabulary, topic_ids, min_score)
