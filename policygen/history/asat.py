"""``policygen build --as-at DATE``: each policy as it stood on a date, built by the normal pipeline.

The version in force on the date is chosen by effective dates, and its text is that of its
last commit made by then (policygen.history.versions); policygen.history.documents builds it
from the project as it was at that commit, saying under the title "As it stood on …: version
…, in force from … to …". Outputs go to ``build/as-at/<DATE>/<org>/<policy>.<ext>``, written
only if changed.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from policygen.history.documents import snapshot, render_version
from policygen.history.timeline import timelines
from policygen.history.versions import VersionSpan, in_force
from policygen.model.base import PolicyDate
from policygen.problems import Problem
from policygen.project import Project, Target


@dataclass
class AsAtResult:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)  # "org/policy: why", one line each
    problems: list[Problem] = field(default_factory=list)


def why_not(spans: list[VersionSpan], day: dt.date) -> str:
    """Why no version of a policy was in force on ``day``."""
    if not spans or spans[0].first.date > day:
        return "did not exist yet"
    if spans[-1].withdrawn and spans[-1].until.first_day() <= day:
        return f"had been withdrawn on {spans[-1].until}"
    upcoming = [s for s in spans if s.effective.first_day() > day]
    return f"not yet in force: its first version comes into force on {upcoming[0].effective}" if upcoming else "no version was in force"


def chosen(project: Project, targets: list[Target], day: dt.date) -> tuple[dict[str, list[tuple[Target, VersionSpan]]], list[tuple[Target, str]]]:
    """The policies in force on ``day``, grouped by the commit whose text was in force then (so each
    commit is unpacked once), and why each other policy was not. ProblemsFound outside git."""
    by_commit: dict[str, list[tuple[Target, VersionSpan]]] = {}
    skipped = []
    for target, spans in timelines(project, targets).items():
        span = in_force(spans, day)
        if span is None:
            skipped.append((target, why_not(spans, day)))
        else:
            by_commit.setdefault(span.commit_on(day).commit, []).append((target, span))
    return by_commit, skipped


def build_as_at(project: Project, targets: list[Target], day: dt.date, formats: tuple[str, ...]) -> AsAtResult:
    """Build each target as it stood on ``day``; a policy with no version in force then is skipped
    with one line. ProblemsFound when the project is not in a git repository."""
    by_commit, skipped = chosen(project, targets, day)
    result = AsAtResult(skipped=[f"{target}: not built as at {day.isoformat()}: {why}" for target, why in skipped])
    for commit, group in by_commit.items():
        with tempfile.TemporaryDirectory(prefix="policygen-as-at-") as scratch:
            then = snapshot(project, commit, Path(scratch))
            for target, span in group:
                _build_one(project, then, target, span, day, formats, result)
    return result


def _build_one(project: Project, then: Project, target: Target, span: VersionSpan, day: dt.date,
               formats: tuple[str, ...], result: AsAtResult) -> None:
    from policygen.render import FORMATS
    from policygen.write import output_path, write_if_changed

    touch = span.commit_on(day)
    on = PolicyDate(day.year, day.month, day.day)
    rendered, errors = render_version(project, then, touch, day, lambda date: f"As it stood on {date(on)}: {span.standing(day, date)}", formats)
    result.problems += errors
    if rendered is None:
        result.skipped.append(f"{target}: not built as at {day.isoformat()}: version {span.version} at commit {touch.commit[:7]} has errors")
        return
    for fmt, data in rendered.items():
        path = output_path(project.build_dir, "as-at", day.isoformat(), target.org_id, f"{target.policy_id}.{FORMATS[fmt].extension}")
        if write_if_changed(path, data):
            result.written.append(path.relative_to(project.root).as_posix())
        else:
            result.unchanged += 1
