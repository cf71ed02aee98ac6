"""Shared building blocks of the models: strict base class, ids and dates.

Every model forbids unknown keys: a misspelt key in YAML is an error, not
silently ignored data (the fault users report most in tools like comply).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import total_ordering
from itertools import groupby
from typing import Annotated, Any, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, GetCoreSchemaHandler, GetJsonSchemaHandler, Tag
from pydantic_core import core_schema

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Slug = Annotated[
    str,
    Field(
        pattern=SLUG_PATTERN,
        description="A stable id: lower-case words joined by hyphens. It survives renumbering.",
    ),
]

Markdown = Annotated[
    str,
    Field(
        description=(
            "Markdown text. Refer to other things by key, never by typed number: "
            "{ref:ID} (number and title of a section or clause), {num:ID} (its number), "
            "{role:KEY} (a role's title), {org} / {org:name} / {org:short}."
        )
    ),
]


class Strict(BaseModel):
    """Base of every model: unknown keys rejected, whitespace kept as written."""

    model_config = ConfigDict(extra="forbid", frozen=True)


_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]
_DATE_RE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


@total_ordering
class PolicyDate:
    """A calendar date that may be known only to the month.

    Sources say "March 2027" as often as "27 March 2025"; inventing a day would
    put words in the organisation's mouth, so the precision is kept. Two dates
    compare at the coarser of their precisions ("9 March 2021" is not after
    "March 2021").
    """

    __slots__ = ("year", "month", "day")

    def __init__(self, year: int, month: int, day: int | None = None) -> None:
        dt.date(year, month, day or 1)  # raises ValueError on an impossible date
        self.year, self.month, self.day = year, month, day

    @classmethod
    def parse(cls, value: Any) -> "PolicyDate":
        if isinstance(value, PolicyDate):
            return value
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, str):
            m = _DATE_RE.match(value.strip())
            if m:
                try:
                    return cls(int(m[1]), int(m[2]), int(m[3]) if m[3] else None)
                except ValueError as exc:
                    raise ValueError(f"{value!r} is not a real date ({exc})") from None
        raise ValueError(f"{value!r} is not a date: write YYYY-MM-DD, or YYYY-MM when the source gives only a month")

    @property
    def month_name(self) -> str:
        return _MONTHS[self.month - 1]

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, self.day or 1)

    def _key(self, other: "PolicyDate") -> tuple[tuple[int, ...], tuple[int, ...]]:
        if self.day is None or other.day is None:
            return (self.year, self.month), (other.year, other.month)
        return (self.year, self.month, self.day), (other.year, other.month, other.day)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PolicyDate):
            return NotImplemented
        a, b = self._key(other)
        return a == b

    def __lt__(self, other: "PolicyDate") -> bool:
        a, b = self._key(other)
        return a < b

    def __hash__(self) -> int:
        return hash((self.year, self.month, self.day))

    def iso(self) -> str:
        base = f"{self.year:04d}-{self.month:02d}"
        return f"{base}-{self.day:02d}" if self.day else base

    __str__ = iso

    def __repr__(self) -> str:
        return f"PolicyDate({self.iso()})"

    @classmethod
    def __get_pydantic_core_schema__(cls, _source: Any, _handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.parse,
            serialization=core_schema.plain_serializer_function_ser_schema(lambda d: d.iso()),
        )

    @classmethod
    def __get_json_schema__(cls, _schema: Any, _handler: GetJsonSchemaHandler) -> dict[str, Any]:
        return {
            "type": "string",
            "pattern": r"^\d{4}-\d{2}(-\d{2})?$",
            "description": "YYYY-MM-DD, or YYYY-MM when the source gives only the month.",
        }


# pydantic looks up the JSON-schema hook under its own name.
PolicyDate.__get_pydantic_json_schema__ = PolicyDate.__get_json_schema__  # type: ignore[attr-defined]

# The schema marks where a value is a key of a register that lives in the data, not in the
# models (topic ids in vocabulary/topics.yaml, role keys in each organisation's ``roles``);
# policygen.model.schema fills the marked places in from the project so editors can autocomplete.
REGISTER_MARK = "x-policygen-register"


def register_key(name: str) -> Any:
    """A slug naming an entry of a register: any slug here, checked against the register by validation.

    ``name`` is the definition the JSON Schema gives it (see policygen.model.schema).
    """
    return Annotated[str, Field(pattern=SLUG_PATTERN, json_schema_extra={REGISTER_MARK: name})]


TopicId = register_key("TopicId")
KindId = register_key("KindId")
RoleKey = register_key("RoleKey")

Topics = Annotated[
    list[TopicId],
    Field(default_factory=list, description="Topic ids from vocabulary/topics.yaml."),
]

Note = Annotated[
    str | None,
    Field(
        default=None,
        description="Editorial note: what was fixed from the source and why. Kept in the data, not rendered.",
    ),
]


class LabelledField(Strict):
    """One labelled row of a layout: the organisation's label, the value from the data."""

    label: str
    field: str = Field(description="Dotted path into the policy, e.g. document_control.reference.")


def keyed_union(keys: list[tuple[str, str]], members: dict[str, type], default: str) -> Any:
    """A union of models told apart by which key a mapping has, so the YAML needs no type field.

    ``keys`` are (key, tag) pairs tried in order; ``members`` maps each tag to its model; a
    mapping with none of the keys is ``default``. The tags also appear in error locations,
    where the loader drops them (see policygen.load.models).
    """

    def kind(value: Any) -> str | None:
        if isinstance(value, dict):  # validating YAML data
            return next((tag for key, tag in keys if key in value), default)
        # Serialising (model_dump, as `policygen diff` does): a model is its own member. Without
        # this pydantic falls back to trying each member and warns once per part.
        return next((tag for tag, cls in members.items() if type(value) is cls), None)

    return Annotated[
        Union[tuple(Annotated[cls, Tag(tag)] for tag, cls in members.items())],
        Discriminator(kind),
        _KeyedJsonSchema(keys, members, default),
    ]


class _KeyedJsonSchema:
    """The JSON Schema of a keyed union: an if/then/else chain over the same keys, in the same order.

    pydantic would write ``oneOf`` the members, but members overlap (a mapping with ``id`` and
    ``text`` is both a clause and an untitled section), so every such block failed ``oneOf`` in
    an editor. The chain picks exactly the member the discriminator picks, and a mistake is
    reported against that member alone (``'txet' was unexpected``), not as "matches none".

    An editor completes only the keys of the member chosen so far, the default one for a new
    item, so that branch also lists the deciding keys (constraint-free: none of them can be
    present there) with the kind each one makes.
    """

    def __init__(self, keys: list[tuple[str, str]], members: dict[str, type], default: str) -> None:
        self.keys, self.members, self.default = keys, members, default

    def __get_pydantic_json_schema__(self, core: Any, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        refs = {tag: handler(choice) for tag, choice in core["choices"].items()}
        runs = [(tag, [key for key, _ in run]) for tag, run in groupby(self.keys, key=lambda pair: pair[1])]
        while runs and runs[-1][0] == self.default:
            runs.pop()  # the default member's own keys lead where no key leads anyway
        hints = {key: {"description": self._decides(tag)} for tag, run_keys in runs for key in run_keys}
        schema = {**refs[self.default], "properties": hints}
        for tag, run_keys in reversed(runs):
            present = {"required": run_keys} if len(run_keys) == 1 else {"anyOf": [{"required": [k]} for k in run_keys]}
            schema = {"if": present, "then": refs[tag], "else": schema}
        return schema

    def _decides(self, tag: str) -> str:
        cls = self.members[tag]
        doc = (cls.__doc__ or "").strip().split("\n")[0]
        return f"This key decides the kind: {cls.__name__}" + (f". {doc}" if doc else ".")
