"""The controlled vocabulary of clause topics (vocabulary/topics.yaml)."""

from __future__ import annotations

from policygen.model.base import Slug, Strict


class Topic(Strict):
    id: Slug
    label: str
    description: str | None = None


class Vocabulary(Strict):
    policy_type: Slug
    topics: list[Topic]

    def ids(self) -> list[str]:
        return [t.id for t in self.topics]
