"""Turn a Source into a pydantic model, reporting each error at its line."""

from __future__ import annotations

from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel, Discriminator, ValidationError

from policygen.load.source import Source
from policygen.model.base import SLUG_PATTERN
from policygen.model.content import BLOCK_TAGS
from policygen.model.eia import PART_TAGS
from policygen.model.vocabulary import KIND_ENTRY_TAGS
from policygen.problems import MAX_LISTED, ProblemsFound, capped, suggest

M = TypeVar("M", bound=BaseModel)

# Tags pydantic adds to an error's location for a discriminated union member.
_UNION_TAGS = {*BLOCK_TAGS, *PART_TAGS, *KIND_ENTRY_TAGS}


@cache
def _fields() -> tuple[tuple[str, Any], ...]:
    """(key, annotation) of every field of every model a file is read into."""
    from policygen import model

    seen: set[type] = set()
    fields: list[tuple[str, Any]] = []

    def walk(cls: Any) -> None:
        if not isinstance(cls, type) or not issubclass(cls, BaseModel) or cls in seen:
            return
        seen.add(cls)
        for name, field in cls.model_fields.items():
            fields.append((name, field.annotation))
            for arg in _types_in(field.annotation):
                walk(arg)

    for cls in (model.Organisation, model.Policy, model.Vocabulary):
        walk(cls)
    return tuple(fields)


@cache
def _all_field_names() -> frozenset[str]:
    """Every key any model accepts: the pool a misspelt key is matched against."""
    return frozenset(name for name, _ in _fields())


@cache
def _union_lists() -> frozenset[str]:
    """The keys whose items are a keyed union (blocks, EIA parts, a kind's topics), whose
    members pydantic tags in an error's location."""
    return frozenset(
        name for name, annotation in _fields()
        if any(isinstance(m, Discriminator) for arg in _types_in(annotation) for m in getattr(arg, "__metadata__", ()))
    )


def _types_in(annotation: Any) -> list[Any]:
    out = [annotation]
    for arg in getattr(annotation, "__args__", ()) or ():
        out.extend(_types_in(arg))
    meta = getattr(annotation, "__metadata__", None)
    if meta is not None:
        out.extend(_types_in(annotation.__origin__))
    return out


# What each pattern a field must match asks for, in words: a web address is not an id.
_PATTERN_HINTS = {
    SLUG_PATTERN: "is not a valid id: use lower-case letters, digits and single hyphens",
    r"^https?://\S+$": "is not a web address: give one starting http:// or https://, without spaces",
    r"^\S(.*\S)?$": "must not be blank or start or end with a space",
    r"^#[0-9A-Fa-f]{6}$": "is not a colour: give it as #RRGGBB",
}


def _message(err: dict[str, Any]) -> str:
    kind, value = err["type"], err.get("input")
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return f"unknown key{suggest(err['loc'][-1], _all_field_names())}"
    msg = err["msg"].removeprefix("Value error, ")
    if kind in ("literal_error", "enum"):
        expected = err.get("ctx", {}).get("expected", "")
        choices = [c.strip(" '") for c in expected.replace(" or ", ",").split(",") if c.strip()]
        return f"{value!r} is not allowed; expected one of {', '.join(choices)}{suggest(value, choices)}"
    if kind == "string_pattern_mismatch":
        pattern = err.get("ctx", {}).get("pattern", "")
        return f"{value!r} {_PATTERN_HINTS.get(pattern, f'does not have the expected form ({pattern})')}"
    if kind == "string_type" and isinstance(value, (int, float)):
        return f"{msg}; quote it (\"{value}\") so YAML keeps it as text"
    if kind == "model_type" or kind == "dict_type":
        return f"expected a mapping of keys to values, got {type(value).__name__}"
    return msg


def build_model(cls: type[M], source: Source, data: Any = None) -> M:
    """The model of ``source``'s data, or of ``data`` made from it (an adopted policy written out),
    each error at its line in the source."""
    try:
        return cls.model_validate(source.data if data is None else data)
    except ValidationError as exc:
        errors = exc.errors()
        # Each message may search for the nearest key: work out only those listed, so validation stays linear.
        listed = [source.problem(_located(err), _message(err)) for err in errors[: MAX_LISTED + 1]]
        raise ProblemsFound(capped(listed, len(errors))) from None


def _located(err: dict[str, Any]) -> tuple:
    """The error's place in the data, without the tags pydantic adds for a union member: those
    follow an index into a list of union members, so a field named like a tag in a list of
    plain models (``implements[0].clause``) stays."""
    loc, unions = err["loc"], _union_lists()
    return tuple(part for i, part in enumerate(loc)
                 if not (part in _UNION_TAGS and i > 1 and isinstance(loc[i - 1], int) and loc[i - 2] in unions))
