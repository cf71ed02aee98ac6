"""When a policy is due for review, and how urgent that is.

Pure date arithmetic over the models, shared by validation (does a fixed
date contradict the rule?), the status register and `policygen review`.
A date known only to the month is due by the end of that month.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from policygen.model import Policy
from policygen.model.base import PolicyDate
from policygen.model.review import Duration


def add(date: PolicyDate, duration: Duration) -> PolicyDate:
    """date + duration, keeping the date's precision; 29 February + 1 year is 28 February."""
    months = date.year * 12 + (date.month - 1) + duration.months
    year, month = divmod(months, 12)
    month += 1
    if date.day is None:
        return PolicyDate(year, month)
    return PolicyDate(year, month, min(date.day, calendar.monthrange(year, month)[1]))


def last_day(date: PolicyDate) -> dt.date:
    """The day a review falls due: the date itself, or the end of its month."""
    day = date.day or calendar.monthrange(date.year, date.month)[1]
    return dt.date(date.year, date.month, day)


def basis_date(policy: Policy) -> PolicyDate | None:
    """The date the review interval runs from: the cycle's start if a minor amendment kept it, else per ``review.counts_from``."""
    dc = policy.document_control
    if policy.review.cycle_start is not None:
        return policy.review.cycle_start
    if policy.review.counts_from == "issued":
        return dc.issued
    if policy.review.counts_from == "effective":
        return dc.effective
    approvals = [a.date for a in (dc.approved, dc.ratified, dc.authorised) if a and a.date]
    approvals += [dc.last_review] if dc.last_review else []
    return max(approvals, key=PolicyDate.first_day) if approvals else None


def is_first_cycle(policy: Policy) -> bool:
    """A policy with at most one version is in its first review cycle; with a cycle kept through
    a minor amendment, the versions counted are those there were when the cycle started."""
    start = policy.review.cycle_start
    rows = [r for r in policy.version_history if start is None or r.date is None or not start < r.date]
    return len(rows) <= 1


def rule_date(policy: Policy) -> PolicyDate | None:
    """The next review date the rule gives, or None if there is no rule or no date to count from."""
    review = policy.review
    interval = review.first if review.first and is_first_cycle(policy) else review.every
    base = basis_date(policy)
    if interval is None or base is None:
        return None
    return add(base, interval)


def current_extension(policy: Policy):
    """The extension in force: the latest one, unless a later approval has started a new cycle."""
    if not policy.review.extensions:
        return None
    latest = policy.review.extensions[-1]
    base = basis_date(policy)
    return None if base is not None and latest.to < base else latest


def due_date(policy: Policy) -> PolicyDate | None:
    """The date the policy is due: an extension in force, else the fixed date, else the rule's."""
    extension = current_extension(policy)
    if extension is not None:
        return extension.to
    return policy.review.next_review or rule_date(policy)


def describe_rule(policy: Policy) -> str:
    review = policy.review
    if review.every and review.first:
        return f"after {review.first} initially and every {review.every} thereafter"
    if review.every:
        return f"every {review.every}"
    return "by a fixed date" if review.next_review else "no rule"


def _add_months(day: dt.date, months: int) -> dt.date:
    return add(PolicyDate(day.year, day.month, day.day), Duration(months)).first_day() if months > 0 else day


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit}{'s' if n != 1 else ''}"


def spoken_span(start: dt.date, end: dt.date) -> str:
    """The time from start to end as a person says it: '2 years, 3 months and 4 days', '1 month', '5 days'.

    Whole calendar months are counted first (31 January to 28 February is a month, as a
    diary reads it), then the days left over.
    """
    months = (end.year - start.year) * 12 + end.month - start.month
    while months > 0 and _add_months(start, months) > end:
        months -= 1
    anchor = _add_months(start, months)
    parts = [(months // 12, "year"), (months % 12, "month"), ((end - anchor).days, "day")]
    words = [_plural(n, unit) for n, unit in parts if n]
    if not words:
        return "0 days"
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


@dataclass(frozen=True)
class State:
    """Where a policy stands on a given day."""

    kind: str  # current | due | overdue | none
    days: int | None  # days left (due/current) or overdue (overdue)
    span: str = ""  # the same time as a person says it

    def __str__(self) -> str:
        if self.kind == "none":
            return "no review date"
        if self.kind == "overdue":
            return f"overdue by {self.span}"
        if self.kind == "due":
            return f"due within {self.span}" if self.days else "due today"
        return "current"

    @property
    def urgency(self) -> tuple[int, int]:
        """Sort key: most overdue first, then soonest due, then current, then no date."""
        order = {"overdue": 0, "due": 1, "current": 2, "none": 3}[self.kind]
        days = self.days or 0
        return (order, -days if self.kind == "overdue" else days)


def state(due: PolicyDate | None, as_of: dt.date, within: int) -> State:
    if due is None:
        return State("none", None)
    day = last_day(due)
    days = (day - as_of).days
    if days < 0:
        return State("overdue", -days, spoken_span(day, as_of))
    return State("due" if days <= within else "current", days, spoken_span(as_of, day))
