"""A policy's document control and version history at one commit, read without the rest of it.

A timeline reads every past version of every policy, so it parses only the two
top-level parts it needs (``document_control`` and ``version_history``), with
libyaml's base loader: every value as the text the author wrote, so a version
"1.10" stays "1.10". The rest of the file, and validation, are left to the
build of the version a reader asks for. A file whose control cannot be read
counts as a draft: it is not a version anyone could have been following.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from policygen.model.base import PolicyDate

PARTS = ("document_control", "version_history")
IN_FORCE = ("approved", "published")  # statuses of a version people follow; draft and consultation are not
_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")
_Loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


@dataclass(frozen=True)
class Approval:
    body: str | None
    date: PolicyDate | None


@dataclass(frozen=True)
class HistoryRow:
    version: str
    date: PolicyDate | None
    description: str | None
    sections: str | None
    approved_by: str | None


@dataclass(frozen=True)
class Control:
    title: str | None
    version: str | None
    status: str
    approved: Approval | None
    ratified: Approval | None
    issued: PolicyDate | None
    effective: PolicyDate | None
    history: list[HistoryRow] = field(default_factory=list)

    @property
    def in_force(self) -> bool:
        return self.status in IN_FORCE

    def row(self, version: str | None) -> HistoryRow | None:
        """The version history row of ``version`` (the last, if it has several)."""
        return next((r for r in reversed(self.history) if r.version == version), None)


def _parts(text: str) -> str:
    """The lines of the wanted top-level parts, in order, whatever else the file holds."""
    keep: list[str] = []
    inside = False
    for line in text.splitlines():
        key = _TOP_KEY.match(line)
        if key:
            inside = key[1] in PARTS
        elif line[:1] not in ("", " ", "\t", "#", "-"):
            inside = False
        if inside:
            keep.append(line)
    return "\n".join(keep)


def _date(value) -> PolicyDate | None:
    try:
        return PolicyDate.parse(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _text(value) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _approval(value) -> Approval | None:
    """An approval, unless it carries over from an earlier version (``version:`` names that one)."""
    if not isinstance(value, dict) or _text(value.get("version")):
        return None
    return Approval(_text(value.get("body")), _date(value.get("date")))


def read_control(text: str) -> Control | None:
    """The control of one past version of a policy file; None if it cannot be read."""
    try:
        data = yaml.load(_parts(text), Loader=_Loader) or {}
    except yaml.YAMLError:
        return None
    dc = data.get("document_control") if isinstance(data, dict) else None
    if not isinstance(dc, dict):
        return None
    rows = data.get("version_history") if isinstance(data.get("version_history"), list) else []
    history = [HistoryRow(str(r["version"]), _date(r.get("date")), _text(r.get("description")), _text(r.get("sections")),
                          _text(r.get("approved_by")))
               for r in rows if isinstance(r, dict) and _text(r.get("version"))]
    version = _text(dc.get("version")) or (history[-1].version if history else None)
    return Control(_text(dc.get("title")), version, _text(dc.get("status")) or "approved", _approval(dc.get("approved")), _approval(dc.get("ratified")),
                   _date(dc.get("issued")), _date(dc.get("effective")), history)
