"""The controlled vocabulary (vocabulary/topics.yaml): kinds of policy and the topics of each.

A policy declares its kind, and its clauses may carry only that kind's topics and the
shared ones, so a typo or a topic borrowed from another kind of policy is caught, and a
clause "with no topic" is one that none of its kind's topics describe.
"""

from __future__ import annotations

from typing import Annotated, Iterator, Union

from pydantic import Discriminator, Field, Tag

from policygen.model.base import Slug, Strict


class Topic(Strict):
    id: Slug
    label: str
    description: str | None = None


# A kind's entry is a topic declared there (a mapping) or the bare id of one declared elsewhere.
# Told apart by shape, so a mistake in either is reported once, against the one it is; the
# tags appear in error locations, where the loader drops them (see policygen.load.models).
KIND_ENTRY_TAGS = ("topic", "topic-id")
KindEntry = Annotated[
    Union[Annotated[Topic, Tag("topic")], Annotated[Slug, Tag("topic-id")]],
    Discriminator(lambda value: "topic-id" if isinstance(value, str) else "topic"),
]


class Kind(Strict):
    """A kind of policy (social media, information governance…) and the topics its clauses use."""

    id: Slug
    label: str
    description: str | None = None
    topics: list[KindEntry] = Field(
        default_factory=list,
        description=(
            "The kind's own topics, in the order comparisons list them. A bare id uses a topic "
            "declared elsewhere (a shared one, to place it, or another kind's) at that point; "
            "shared topics it does not place come first."
        ),
    )


class Vocabulary(Strict):
    shared: list[Topic] = Field(default_factory=list, description="Topics every kind of policy may use.")
    kinds: list[Kind]

    @property
    def topics(self) -> list[Topic]:
        """Every declared topic once: the shared ones, then each kind's own."""
        return [*self.shared, *(t for k in self.kinds for t in k.topics if isinstance(t, Topic))]

    def ids(self) -> list[str]:
        return [t.id for t in self.topics]

    def kind_ids(self) -> list[str]:
        return [k.id for k in self.kinds]

    def shared_ids(self) -> list[str]:
        return [t.id for t in self.shared]

    def topic(self, topic_id: str) -> Topic:
        return next(t for t in self.topics if t.id == topic_id)

    def kind(self, kind_id: str | None) -> Kind | None:
        return next((k for k in self.kinds if k.id == kind_id), None)

    def kind_named_by(self, policy_id: str) -> str | None:
        """The kind a policy id names: itself ('hr'), or the longest kind it starts with ('safeguarding-adults')."""
        matches = [k for k in self.kind_ids() if policy_id == k or policy_id.startswith(k + "-")]
        return max(matches, key=len, default=None)

    def kind_of(self, declared: str | None, policy_id: str) -> str | None:
        """A policy's kind: the one it declares, else the one its id names (None: neither).

        So `organisations/a/ig-policy.yaml` (declaring `information-governance`) and
        `organisations/b/information-governance.yaml` (declaring nothing) are compared together.
        """
        return declared or self.kind_named_by(policy_id)

    def topic_ids(self, kind_id: str | None) -> list[str]:
        """The topics a policy of this kind may carry, in its order; every topic for no (or an unknown) kind."""
        kind = self.kind(kind_id)
        if kind is None:
            return self.ids()
        placed = [_id(t) for t in kind.topics]
        return [*(t.id for t in self.shared if t.id not in placed), *placed]

    def listed_topics(self, kind_id: str) -> list[Topic]:
        """The topics a kind lists that are not shared: what a policy of the kind is about, in its order."""
        shared = self.shared_ids()
        return [self.topic(t) for t in self.topic_ids(kind_id) if t not in shared]

    def kinds_of(self, topic_id: str) -> list[str]:
        """The kinds whose list names a topic: for a topic outside a policy's kind, where it belongs."""
        return [k.id for k in self.kinds if any(_id(t) == topic_id for t in k.topics)]

    def conflicts(self) -> Iterator[tuple[tuple, str]]:
        """(location, message) for each topic or kind declared twice and each bare id that names no topic."""
        declared = self.ids()
        seen: dict[str, tuple] = {}
        for i, topic in enumerate(self.shared):
            loc = ("shared", i, "id")
            if topic.id in seen:
                yield loc, f"topic '{topic.id}' is declared twice; declare it once and name it by id where else it is used"
            seen.setdefault(topic.id, loc)
        kinds: set[str] = set()
        for k, kind in enumerate(self.kinds):
            if kind.id in kinds:
                yield ("kinds", k, "id"), f"kind '{kind.id}' is declared twice"
            kinds.add(kind.id)
            listed: set[str] = set()
            for i, entry in enumerate(kind.topics):
                topic_id = _id(entry)
                loc = ("kinds", k, "topics", i) + (("id",) if isinstance(entry, Topic) else ())
                if topic_id in listed:
                    yield loc, f"'{topic_id}' is listed twice in kind '{kind.id}'"
                elif isinstance(entry, Topic) and topic_id in seen:
                    yield loc, f"topic '{topic_id}' is declared twice; declare it once and name it by id where else it is used"
                elif not isinstance(entry, Topic) and topic_id not in declared:
                    yield loc, f"'{topic_id}' names no topic declared in this file"
                listed.add(topic_id)
                if isinstance(entry, Topic):
                    seen.setdefault(topic_id, loc)


def _id(entry: Topic | str) -> str:
    """The topic id of a kind's entry: a topic declared there, or the bare id of one declared elsewhere."""
    return entry.id if isinstance(entry, Topic) else entry
