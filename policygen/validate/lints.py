"""Lints: things a reviewer should catch that do not make the data unusable.

Each yields warnings (errors under --strict): stale terms, roles named in
text but missing from the register, review dates, the document control
fields the organisation requires, version numbering,
history order, empty sections, clauses with no topic, titles and clauses
that start with a typed number.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterator

from policygen.load.document import LoadedPolicy
from policygen.model.base import PolicyDate
from policygen.model.content import Clause, Definitions, Section, Table
from policygen.model.walk import iter_blocks, iter_strings
from policygen.problems import Problem
from policygen.model.schedule import current_extension, describe_rule, due_date, last_day, rule_date
from policygen.model.versioning import CONVENTIONS

# A capitalised job title: "Head of Service", "Communications Lead", "Practitioner Performance Manager".
ROLE_RE = re.compile(
    r"\b(?:Head of(?: the)?(?: (?:and|&) [A-Z][\w&]*| [A-Z][\w&]*)+"
    r"|(?!The\b)(?:[A-Z][\w&]*(?:\s(?:and\s|&\s)?)){1,5}(?:Manager|Officer|Director|Lead|Administrator))\b"
)

# A number typed at the start of a title or clause: "4.2", "1.0", "5.", "a)", "(iii)", "A.".
# Digits alone before "." or ")" are left out of clause text, where they begin a Markdown list.
_COUNTER = r"(?:\d+|[A-Za-z]|[ivxlcdm]+|[IVXLCDM]+)"
TYPED_NUMBER_RE = re.compile(rf"^\s*(\d+(?:\.\d+)+\.?|\(\s*{_COUNTER}\s*\)|{_COUNTER}[.)])(?=\s|$)")
MARKDOWN_LIST_RE = re.compile(r"^\s*\d+[.)](?=\s|$)")


def lint_policy(doc: LoadedPolicy, today: dt.date) -> Iterator[Problem]:
    yield from _review_dates(doc, today)
    yield from _required_fields(doc)
    yield from _version_numbering(doc)
    yield from _history_order(doc)
    yield from _stale_terms(doc)
    yield from _unregistered_roles(doc)
    yield from _empty_and_untagged(doc)
    yield from _typed_numbers(doc)
    yield from _ragged_rows(doc)


def _warn(doc: LoadedPolicy, loc, message: str) -> Problem:
    return doc.source.problem(loc, message, warning=True)


def _review_dates(doc: LoadedPolicy, today: dt.date) -> Iterator[Problem]:
    policy = doc.model
    due = due_date(policy)
    if due is None:
        if doc.org.model.requires.review_date:
            yield _warn(doc, ("review",), "no next review date is recorded or derivable (the organisation's requires.review_date)")
    elif last_day(due) < today:
        loc = ("review", "extensions") if current_extension(policy) else ("review", "next_review")
        yield _warn(doc, loc, f"the review date {due} has passed")
    derived = rule_date(policy)
    fixed = policy.review.next_review
    if fixed and derived and fixed != derived:
        yield _warn(doc, ("review", "next_review"), f"{fixed} contradicts the rule ({describe_rule(policy)} gives {derived})")


def _required_fields(doc: LoadedPolicy) -> Iterator[Problem]:
    """The document control fields the organisation requires (requires.document_control)."""
    dc = doc.model.document_control
    for name in doc.org.model.requires.document_control:
        if getattr(dc, name) in (None, "", []):
            yield _warn(doc, ("document_control",), f"no {name} is recorded (the organisation's requires.document_control)")


def _version_numbering(doc: LoadedPolicy) -> Iterator[Problem]:
    dc = doc.model.document_control
    if dc.version is None:
        return
    problem = CONVENTIONS[doc.org.model.version_numbers].problem(dc.version, dc.status)
    if problem:
        yield _warn(doc, ("document_control", "version"), problem)


def _history_order(doc: LoadedPolicy) -> Iterator[Problem]:
    rows = doc.model.version_history
    for i in range(1, len(rows)):
        a, b = rows[i - 1], rows[i]
        if a.date and b.date and b.date < a.date:
            yield _warn(doc, ("version_history", i, "date"), f"{b.date} is earlier than the row before ({a.date}); history runs oldest first")


def _stale_terms(doc: LoadedPolicy) -> Iterator[Problem]:
    org = doc.org.model
    dates = [d for d in _policy_dates(doc) if d]
    latest = max(dates, key=PolicyDate.first_day) if dates else None
    for stale in org.stale_terms:
        if latest is None or latest < stale.since:
            continue
        pattern = re.compile(rf"\b{re.escape(stale.term)}\b")
        for loc, text in iter_strings(doc.model):
            if pattern.search(text):
                instead = f"; use '{stale.use_instead}'" if stale.use_instead else ""
                yield _warn(doc, loc, f"'{stale.term}' is out of date since {stale.since}{instead}")


def _policy_dates(doc: LoadedPolicy) -> list[PolicyDate | None]:
    dc = doc.model.document_control
    return [dc.issued, dc.effective, dc.last_review, *(a.date for a in (dc.approved, dc.ratified, dc.authorised) if a)]


def _unregistered_roles(doc: LoadedPolicy) -> Iterator[Problem]:
    titles = {name.lower() for r in doc.org.model.roles.values() for name in (r.title, *r.aliases)}
    seen: set[str] = set()
    for loc, text in iter_strings(doc.model.sections):
        for m in ROLE_RE.finditer(text):
            name = m[0].strip()
            if name.lower() not in titles and name not in seen:
                seen.add(name)
                yield _warn(doc, ("sections", *loc), f"names the role '{name}', which is not in the role register")


def _empty_and_untagged(doc: LoadedPolicy) -> Iterator[Problem]:
    for item in iter_blocks(doc.model):
        block = item.block
        if isinstance(block, Section) and not block.blocks and not block.text:
            yield _warn(doc, item.loc, f"section '{block.id}' is empty")
        # A closing notice (copyright, licence, acknowledgements) is about the document, not a
        # policy topic: asking it for one would push authors to mistag it or move it into the body.
        if isinstance(block, (Clause, Table, Definitions)) and not block.topics and item.loc[0] != "closing":
            yield _warn(doc, item.loc, f"'{block.id}' has no topic")



def _typed_numbers(doc: LoadedPolicy) -> Iterator[Problem]:
    """Numbers are generated: one typed into a title or clause would print twice, and go
    wrong when blocks move."""
    for item in iter_blocks(doc.model):
        block = item.block
        fields = [("title", getattr(block, "title", None))]
        if isinstance(block, Clause):
            fields.append(("text", block.text))
        for name, value in fields:
            typed = TYPED_NUMBER_RE.match(value or "")
            if typed and not (name == "text" and MARKDOWN_LIST_RE.match(value)):
                yield _warn(doc, item.loc + (name,), f"starts with the typed number '{typed[1]}': remove it, numbers are generated")


def _ragged_rows(doc: LoadedPolicy) -> Iterator[Problem]:
    """A row with more or fewer cells than the header has columns: a cell left out or one too
    many, which shifts every later cell under the wrong heading."""
    for item in iter_blocks(doc.model):
        table = item.block
        if not isinstance(table, Table) or not table.header_rows:
            continue
        columns = len(table.header_rows[-1])
        located = [(("rows", i), row) for i, row in enumerate(table.rows)]
        located += [(("groups", g, "rows", i), row) for g, group in enumerate(table.groups) for i, row in enumerate(group.rows)]
        for loc, row in located:
            if len(row) != columns:
                yield _warn(doc, item.loc + loc, f"this row has {len(row)} cell(s) but the header has {columns} column(s)")
