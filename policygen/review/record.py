"""Recording a review: the new version, history row, approvals and next review date, as a YAML edit.

The edit is made on the round-trip tree of the author's file (see policygen.load.edit)
and the result is loaded and checked exactly as `policygen validate` would
before anyone writes it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from policygen.load import edit
from policygen.load.document import LoadedPolicy
from policygen.model import Policy
from policygen.model.base import PolicyDate
from policygen.validate.checked import check_text
from policygen.problems import Problem
from policygen.project import Project
from policygen.resolve.values import format_value
from policygen.model.schedule import basis_date, due_date, last_day, rule_date
from policygen.model.versioning import CONVENTIONS, VersionError


class RecordError(Exception):
    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


@dataclass
class Recorded:
    old_text: str
    new_text: str
    version: str
    next_review: PolicyDate | None


def _version_scalar(version: str) -> Any:
    """Quote a version that YAML would otherwise read as a number (1.10 is not 1.1)."""
    return DoubleQuotedScalarString(version) if re.fullmatch(r"[\d.]+", version) else version


def _parse(project: Project, doc: LoadedPolicy, text: str) -> tuple[Policy, list[Problem]]:
    policy, errors = check_text(project, doc.target, doc.org, text)
    if policy is None:
        raise RecordError("the review would make the file invalid", errors)
    return policy, errors


def record_review(project: Project, doc: LoadedPolicy, args, today: dt.date) -> Recorded:
    """The edited file for this review; RecordError lists every missing option at once, each naming the policy."""
    kind = args.kind or "major"
    old = doc.model
    missing: list[str] = []
    version = current = old.document_control.version or (old.version_history[-1].version if old.version_history else None)
    try:
        version = args.version or CONVENTIONS[doc.org.model.version_numbers].bump(current, kind, drafted=old.document_control.status == "draft")
    except VersionError as exc:
        missing.append(str(exc))
    date = PolicyDate.parse(args.date or today)
    old_text = doc.target.policy_file.read_text(encoding="utf-8")
    tree = edit.load(old_text)
    gaps = edit.detach_gaps(tree)
    dc = tree["document_control"]

    edit.set_value(dc, "version", _version_scalar(version), after="reference")
    edit.set_value(dc, "status", "draft" if kind == "draft" else "approved", after="version")
    approved_by = _approval(dc, old, args, kind, date, current, missing) if kind != "draft" else None
    _issued(dc, args, kind, date)
    author = args.author or (format_value(old.document_control.author, doc.org.model) or None)
    edit.append_row(tree, "version_history", {
        "version": _version_scalar(version),
        "date": edit.yaml_date(date),
        "author": author,
        "sections": args.sections,
        "description": args.description,
        "approved_by": approved_by,
    }, after="review")
    _next_review(project, doc, tree, args, kind, date, missing)

    if missing:
        raise RecordError("give what is missing and run it again", [f"{doc.target}: {m}" for m in missing])
    edit.reattach_gaps(tree, gaps)
    new_text = edit.dump(tree)
    policy, errors = _parse(project, doc, new_text)
    if errors:
        raise RecordError("the review would make the file invalid", errors)
    return Recorded(old_text, new_text, version, due_date(policy))


def _approval(dc, old: Policy, args, kind: str, date: PolicyDate, current: str | None, missing: list[str]) -> str | None:
    """Approval (and ratification, if given) of the new version; the approving body, for its history row."""
    approved_by = args.approved_by or (old.document_control.approved.body if old.document_control.approved else None)
    if not approved_by:
        missing.append("no approving body on record: give it with --approved-by")
    approved = edit.child_map(dc, "approved", after="status")
    edit.set_value(approved, "body", approved_by)
    edit.set_value(approved, "date", edit.yaml_date(date), after="body")
    approved.pop("version", None)
    if args.ratified_by or args.ratified_on:
        ratified = edit.child_map(dc, "ratified", after="approved")
        body = args.ratified_by or (old.document_control.ratified.body if old.document_control.ratified else None)
        if not body:
            missing.append("no ratifying body on record: give it with --ratified-by")
        edit.set_value(ratified, "body", body)
        edit.set_value(ratified, "date", edit.yaml_date(PolicyDate.parse(args.ratified_on or date)), after="body")
        ratified.pop("version", None)
    elif isinstance(dc.get("ratified"), dict) and "version" not in dc["ratified"] and current:
        # Not re-ratified (a minor amendment a committee approved): the ratification on record is the old version's.
        edit.set_value(dc["ratified"], "version", _version_scalar(current))
    if "last_review" in dc and (kind == "major" or args.restart_review):
        dc["last_review"] = edit.yaml_date(date)
    return approved_by


def _issued(dc, args, kind: str, date: PolicyDate) -> None:
    # A new version is issued once approved (and ratified, if it is).
    issued = PolicyDate.parse(args.issued) if args.issued else \
        max(date, PolicyDate.parse(args.ratified_on) if args.ratified_on else date, key=PolicyDate.first_day)
    if args.issued:
        edit.set_value(dc, "issued", edit.yaml_date(issued))
    elif kind != "draft" and "issued" in dc:
        dc["issued"] = edit.yaml_date(issued)
    # The date it comes into force: given, or (where the policy records one) the issue date, so the
    # previous version's effective date is never left to date this one (policygen.history counts it).
    if args.effective:
        edit.set_value(dc, "effective", edit.yaml_date(PolicyDate.parse(args.effective)), after="issued")
    elif kind != "draft" and "effective" in dc:
        dc["effective"] = edit.yaml_date(issued)


def _next_review(project: Project, doc: LoadedPolicy, tree, args, kind: str, date: PolicyDate, missing: list[str]) -> None:
    """The next review date: given, kept (a minor amendment), or worked out from the rule for the new version."""
    old = doc.model
    review = edit.child_map(tree, "review", after="document_control")
    if args.next_review:
        review["next_review"] = edit.yaml_date(PolicyDate.parse(args.next_review))
    elif kind == "minor" and not args.restart_review:
        # A minor amendment keeps the review clock: the cycle still counts from where it did.
        start, due = basis_date(old), due_date(old)
        if due is not None and last_day(due) < date.first_day():
            missing.append(f"the review date {due} has passed, so this amendment cannot keep it: give --restart-review or --next-review")
        elif start is not None and "cycle_start" not in review:
            edit.set_value(review, "cycle_start", edit.yaml_date(start), after="every")
    elif kind != "draft":
        review.pop("cycle_start", None)
        if old.review.every is None and old.review.next_review is not None:
            missing.append("this policy has no review rule, so its next review date cannot be worked out: give it with --next-review, or add review.every")
        elif not missing and "next_review" in review:
            interim, _ = _parse(project, doc, edit.dump(tree))
            derived = rule_date(interim)
            if derived is not None:
                review["next_review"] = edit.yaml_date(derived)
