"""Review rules: every N years, first interval then every N, fixed dates, extensions; leap days and month ends."""

import datetime as dt

import pytest

from policygen.model import Policy
from policygen.model.base import PolicyDate
from policygen.model.review import Duration
from policygen.model.schedule import add, due_date, rule_date, state


def policy(review: dict, approved: str | None = "2020-03-15", history: int = 1, **dc) -> Policy:
    return Policy.model_validate({
        "id": "p",
        "document_control": {"title": "T", **({"approved": {"body": "Board", "date": approved}} if approved else {}), **dc},
        "review": review,
        "version_history": [{"version": f"{i + 1}.0"} for i in range(history)],
        "sections": [],
    })


@pytest.mark.parametrize("start, interval, expected", [
    ("2020-03-15", "3 years", "2023-03-15"),
    ("2024-02-29", "1 year", "2025-02-28"),      # leap day to a common year
    ("2024-02-29", "4 years", "2028-02-29"),     # leap day to a leap year
    ("2023-01-31", "1 month", "2023-02-28"),     # month end clamps
    ("2024-01-31", "1 month", "2024-02-29"),
    ("2023-08-31", "18 months", "2025-02-28"),
    ("2023-11", "3 years", "2026-11"),           # a month stays a month
    ("2023-12-31", "1 month", "2024-01-31"),     # across a year end
])
def test_adding_intervals(start, interval, expected):
    assert add(PolicyDate.parse(start), Duration.parse(interval)).iso() == expected


def test_every_three_years_from_the_latest_approval():
    p = policy({"every": "3 years"}, ratified={"body": "Board", "date": "2020-06-01"})
    assert rule_date(p).iso() == "2023-06-01"


def test_first_interval_then_every_three_years():
    new = policy({"every": "3 years", "first": "1 year"}, history=1)
    assert due_date(new).iso() == "2021-03-15"
    reviewed = policy({"every": "3 years", "first": "1 year"}, history=2)
    assert due_date(reviewed).iso() == "2023-03-15"


def test_fixed_date_wins_and_extension_wins_over_both():
    fixed = policy({"every": "3 years", "next_review": "2022-01"})
    assert due_date(fixed).iso() == "2022-01"
    extended = policy({"every": "3 years", "extensions": [{"to": "2024-06-30", "reason": "Awaiting national guidance", "agreed_by": "Policy Group"}]})
    assert due_date(extended).iso() == "2024-06-30"


def test_counts_from_the_effective_date_when_told():
    p = policy({"every": "2 years", "counts_from": "effective"}, effective="2021-04-01")
    assert due_date(p).iso() == "2023-04-01"


def test_no_rule_and_no_date_means_no_review_date():
    assert due_date(policy({"every": "3 years"}, approved=None)) is None
    assert due_date(policy({}, approved="2020-01-01")) is None


@pytest.mark.parametrize("due, as_of, expected", [
    ("2027-03", "2026-11-22", "current"),
    ("2027-03", "2027-01-15", "due within 2 months and 16 days"),      # a month is due by its last day
    ("2021-03-30", "2026-11-22", "overdue by 5 years, 7 months and 23 days"),
    ("2026-11-22", "2026-11-22", "due today"),
    ("2024-02-29", "2024-03-01", "overdue by 1 day"),
    (None, "2026-11-22", "no review date"),
])
def test_states(due, as_of, expected):
    assert str(state(PolicyDate.parse(due) if due else None, dt.date.fromisoformat(as_of), 90)) == expected
