"""Format data values (dates, people, approvals) as the organisation writes them."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from policygen.model import Organisation
from policygen.model.base import PolicyDate
from policygen.model.policy import Approval, Person


def _ordinal(day: int) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def format_date(date: PolicyDate, style: str) -> str:
    if date.day is None:  # a month alone reads the same in every style
        return f"{date.month_name} {date.year}"
    if style == "numeric":
        return f"{date.day:02d}/{date.month:02d}/{date.year}"
    day = _ordinal(date.day) if style == "ordinal" else str(date.day)
    return f"{day} {date.month_name} {date.year}"


ANSWERS = {"yes": "Yes", "no": "No", "na": "NA"}


def answer_text(answer: str | None) -> str:
    """How a yes / no / na answer reads in every format."""
    return ANSWERS.get(answer or "", answer or "")


def format_value(value: Any, org: Organisation) -> str:
    """Any field value as display text; '' for an absent value."""
    if value is None:
        return ""
    if isinstance(value, PolicyDate):
        return format_date(value, org.style.date_format)
    if isinstance(value, Person):
        role = org.roles[value.role].title if value.role and value.role in org.roles else None
        return ", ".join(p for p in (value.name, role or value.title) if p)
    if isinstance(value, Approval):
        return value.body
    if isinstance(value, (list, tuple)):
        return "; ".join(format_value(v, org) for v in value)
    if isinstance(value, BaseModel):
        return str(value)
    return str(value)


def field_value(root: Any, path: str, org: Organisation) -> str:
    """Follow a dotted path (already validated against the models) and format the value."""
    value = root
    for part in path.split("."):
        value = getattr(value, part, None)
        if value is None:
            return ""
    return format_value(value, org)
