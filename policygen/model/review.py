"""The review cycle as data: the rule, early-review triggers and extensions.

Rules seen in NHS policies: "every 3 years", "after one year initially and
every three years thereafter", or simply a fixed date. The next review date
is derived from the rule (see policygen.model.schedule) unless the data fixes it.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field, GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import core_schema

from policygen.model.base import PolicyDate, Strict


def _any_case(word: str) -> str:
    return "".join(f"[{c.upper()}{c.lower()}]" for c in word)


# Capitals are spelt out rather than flagged (re.I) because the JSON Schema shares this
# pattern and its patterns take no flags: "3 Years" must pass in an editor as it does here.
_DURATION_RE = re.compile(rf"^\s*(\d+)\s*({'|'.join(_any_case(u) for u in ('year', 'years', 'month', 'months'))})\s*$")


class Duration:
    """A whole number of months, written '3 years' or '18 months'."""

    __slots__ = ("months",)

    def __init__(self, months: int) -> None:
        if months <= 0:
            raise ValueError("a review interval must be positive")
        self.months = months

    @classmethod
    def parse(cls, value: Any) -> "Duration":
        if isinstance(value, Duration):
            return value
        m = _DURATION_RE.match(value) if isinstance(value, str) else None
        if not m:
            raise ValueError(f"{value!r} is not an interval: write e.g. '3 years' or '18 months'")
        n = int(m[1])
        return cls(n * 12 if m[2].lower().startswith("year") else n)

    def __str__(self) -> str:
        if self.months % 12 == 0:
            years = self.months // 12
            return f"{years} year{'s' if years != 1 else ''}"
        return f"{self.months} month{'s' if self.months != 1 else ''}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Duration) and other.months == self.months

    def __hash__(self) -> int:
        return hash(self.months)

    @classmethod
    def __get_pydantic_core_schema__(cls, _source: Any, _handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.parse, serialization=core_schema.plain_serializer_function_ser_schema(str)
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, _schema: Any, _handler: GetJsonSchemaHandler) -> dict[str, Any]:
        return {"type": "string", "pattern": _DURATION_RE.pattern, "examples": ["3 years", "18 months"]}


class Extension(Strict):
    """A review deadline moved, with the reason and who agreed it."""

    to: PolicyDate = Field(description="The new review date.")
    reason: str
    agreed_by: str = Field(description="The person or committee that agreed it.")
    agreed_on: PolicyDate | None = None


Basis = Literal["approval", "issued", "effective"]


class Review(Strict):
    every: Duration | None = Field(default=None, description="Interval between reviews, e.g. '3 years'.")
    first: Duration | None = Field(
        default=None, description="Interval to the first review where it differs ('after one year initially')."
    )
    counts_from: Basis = Field(
        default="approval",
        description="The date the interval runs from: the latest approval (approved, ratified, authorised or last reviewed), issue or effective date.",
    )
    next_review: PolicyDate | None = Field(
        default=None, description="Fixed by the data (as the source states it); otherwise derived from the rule."
    )
    cycle_start: PolicyDate | None = Field(
        default=None,
        description=(
            "The date the current review cycle counts from, when a later minor amendment's approval must not "
            "restart it; `policygen review --minor` sets it and a full review clears it."
        ),
    )
    triggers: list[str] = Field(default_factory=list, description="Events that bring a review forward.")
    extensions: list[Extension] = Field(default_factory=list, description="Agreed extensions, oldest first.")
