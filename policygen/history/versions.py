"""The rules that turn a policy file's commits into versions, each in force from one date to another.

- A **version** is a ``document_control.version`` recorded with status approved or
  published. Drafts and consultations are not versions: nobody was asked to
  follow them, so on any date the version in force is still the last approved one.
- Later commits with the **same version number are corrections** of that version
  (a typo, a broken link). The version's record (dates, approvers, summary) is
  read from its last commit; the **text in force on a date** is that of its last
  commit made on or before the date, so an as-at build shows what was published
  then and never a correction made later (a version whose effective date was
  recorded after the fact shows its first commit).
- A version is **in force from** its effective date: ``effective``, else ``issued``,
  else its approval date, else its version history row's date, else the day it
  was committed. A date left as it was in the version before (``effective`` not
  updated when the new version was recorded) does not date the new one, so the
  next field in that list does.
- It is in force **to** the next version's effective date (the day that one takes
  over), or to the day the policy was withdrawn (status superseded, or the file
  deleted); else it is **current**. Effective dates count, not commit dates: a
  version approved in January and effective in March is "approved, in force from
  March" in February, and the version before it is still the one in force.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable

from policygen.history.control import Control
from policygen.history.gitlog import Touch
from policygen.model.base import PolicyDate

UNNUMBERED = "unnumbered"  # the version of a policy whose control records no version number


@dataclass
class VersionSpan:
    """One version of a policy: its commits (oldest first; the later ones correct it) and its dates."""

    version: str
    commits: list[Touch]
    control: Control  # as its last commit records it
    effective: PolicyDate
    effective_from: str  # which field gave the effective date: effective, issued, approved, history, commit
    until: PolicyDate | None = None  # the day it stopped being in force; None while it is current
    withdrawn: bool = False  # ended by the policy being withdrawn, not by a new version
    previous: "VersionSpan | None" = field(default=None, repr=False)

    @property
    def approved(self) -> PolicyDate | None:
        row = self.control.row(self.version)
        return self.control.approved.date if self.control.approved and self.control.approved.date else (row.date if row else None)

    @property
    def approved_by(self) -> str | None:
        """Who approved it (and ratified it, where that was another body): 'Board; ratified by Council'."""
        row = self.control.row(self.version)
        body = (row.approved_by if row else None) or (self.control.approved.body if self.control.approved else None)
        ratified = self.control.ratified.body if self.control.ratified else None
        if ratified and ratified != body:
            return f"{body}; ratified by {ratified}" if body else f"ratified by {ratified}"
        return body

    @property
    def summary(self) -> str | None:
        """The change summary from its version history row: the description, then the sections changed."""
        row = self.control.row(self.version)
        if row is None:
            return None
        parts = [p for p in (row.description, row.sections) if p]
        return " (".join(parts) + ")" if len(parts) == 2 else (parts[0] if parts else None)

    @property
    def first(self) -> Touch:
        return self.commits[0]

    @property
    def last(self) -> Touch:
        return self.commits[-1]

    @property
    def ever_in_force(self) -> bool:
        return self.until is None or self.effective.first_day() < self.until.first_day()

    def in_force_on(self, day: dt.date) -> bool:
        return self.effective.first_day() <= day and (self.until is None or day < self.until.first_day())

    def commit_on(self, day: dt.date) -> Touch:
        """The commit whose text was the one published on ``day``: see the module's rule."""
        made = [t for t in self.commits if t.date <= day]
        return made[-1] if made else self.first

    def state(self, day: dt.date) -> str:
        """On ``day``: current, superseded, withdrawn, never in force, approved (not yet in force) or not yet approved."""
        if not self.ever_in_force:
            return "never in force"
        if self.until is not None and day >= self.until.first_day():
            return "withdrawn" if self.withdrawn else "superseded"
        if day < self.effective.first_day():
            return "approved" if self.first.date <= day else "not yet approved"
        return "current"

    def standing(self, day: dt.date, date: Callable[[PolicyDate], str]) -> str:
        """What a reader is told of it on ``day`` (an as-at build): 'version 3.0, in force from 1 January
        2024 to 1 June 2024'; one not in force yet that day is 'approved, in force from …'."""
        state = self.state(day)
        if state in ("approved", "not yet approved"):
            return f"{self.name}, approved, in force from {date(self.effective)}"
        if state == "current" and self.until is None:
            return f"{self.name}, in force from {date(self.effective)} (current)"
        return self.facts(date)

    @property
    def name(self) -> str:
        """'version 3.0', or 'unnumbered version'."""
        return "unnumbered version" if self.version == UNNUMBERED else f"version {self.version}"

    @property
    def approved_ahead(self) -> bool:
        """Committed before the date it comes into force: 'approved …, in force from …' (one recorded
        after it came into force was current from its commit on)."""
        return self.effective.first_day() > self.first.date

    def period(self, date: Callable[[PolicyDate], str]) -> str:
        """When it was in force, as dates alone, true whatever day it is read (a document or page built
        once says this): 'in force from 1 January 2024 to 1 June 2024', 'in force from 1 June 2024
        (current)', or for a version approved ahead of its start 'approved 12 January 2026, in force
        from 1 March 2026' (whether that day has come is for the reader's browser to say)."""
        if not self.ever_in_force:
            return "approved but superseded before it came into force"
        if self.until is None and self.approved_ahead:
            approved = self.approved or PolicyDate(self.first.date.year, self.first.date.month, self.first.date.day)
            return f"approved {date(approved)}, in force from {date(self.effective)}"
        if self.until is None:
            return f"in force from {date(self.effective)} (current)"
        ended = "withdrawn on" if self.withdrawn else "to"
        return f"in force from {date(self.effective)} {ended} {date(self.until)}"

    def facts(self, date: Callable[[PolicyDate], str]) -> str:
        """'version 3.0, in force from 1 January 2024 to 1 June 2024': ``period`` named."""
        return f"{self.name}, {self.period(date)}"


def _effective(control: Control, row_date: PolicyDate | None, before: Control | None, committed: dt.date) -> tuple[PolicyDate, str]:
    """The effective date and the field it came from (see the module's rule on dates left over)."""
    def approved(c: Control | None) -> PolicyDate | None:
        return c.approved.date if c and c.approved else None

    for name, value, old in (("effective", control.effective, before and before.effective),
                             ("issued", control.issued, before and before.issued),
                             ("approved", approved(control), approved(before))):
        if value is not None and (old is None or value != old):
            return value, name
    if row_date is not None:
        return row_date, "history"
    return PolicyDate(committed.year, committed.month, committed.day), "commit"


def versions(points: list[tuple[Touch, Control | None]]) -> list[VersionSpan]:
    """The versions of one policy from its commits, oldest first, with their dates."""
    spans: list[VersionSpan] = []
    ended: dict[int, Touch] = {}  # span index → the commit that withdrew the policy after it
    for touch, control in points:
        if touch.deleted or (control is not None and control.status == "superseded"):
            if spans:
                ended.setdefault(len(spans) - 1, touch)
            continue
        if control is None or not control.in_force:
            continue
        name = control.version or UNNUMBERED  # a policy that numbers no version has one, however often corrected
        if spans and spans[-1].version == name and len(spans) - 1 not in ended:
            spans[-1].commits.append(touch)
            spans[-1].control = control
            continue
        spans.append(VersionSpan(name, [touch], control, PolicyDate(1, 1, 1), "",
                                 previous=spans[-1] if spans else None))
    for span in spans:
        row = span.control.row(span.version)
        span.effective, span.effective_from = _effective(span.control, row.date if row else None,
                                                         span.previous.control if span.previous else None, span.first.date)
    for i, span in enumerate(spans):
        if i in ended:
            withdrawn_on = ended[i].date
            span.until, span.withdrawn = PolicyDate(withdrawn_on.year, withdrawn_on.month, withdrawn_on.day), True
        elif i + 1 < len(spans):
            span.until = spans[i + 1].effective
    return spans


def in_force(spans: list[VersionSpan], day: dt.date) -> VersionSpan | None:
    """The version in force on ``day``; the later one if two overlap (the later one was recorded to replace it)."""
    return next((s for s in reversed(spans) if s.in_force_on(day)), None)
