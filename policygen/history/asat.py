"""``policygen build --as-at DATE``: each policy as it stood on a date, built by the normal pipeline.

The version in force on the date is chosen by effective dates (policygen.history.versions);
its commit's ``organisations/``, ``vocabulary/`` and ``templates/`` are unpacked into a
scratch project, so that loading, validation, linked policies, pictures, the Word template
and the organisation file are all as they were at that commit, and the same resolve and
renderers as a normal build make the documents. The view model carries the statement of
when the document stood (``DocumentView.standing``), which every format lays out under the
title. Outputs go to ``build/as-at/<DATE>/<org>/<policy>.<ext>``, written only if changed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from policygen.history.gitlog import repo_top
from policygen.history.timeline import timelines
from policygen.history.versions import VersionSpan, in_force
from policygen.problems import Problem
from policygen.project import Project, Target

SNAPSHOT = ("organisations", "vocabulary", "templates")  # what a build reads from the project


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


def _snapshot(project: Project, commit: str, into: Path) -> Project:
    """The project's build inputs at ``commit``, unpacked under ``into``: a Project to load from."""
    top = repo_top(project.root)
    prefix = project.root.resolve().relative_to(top).as_posix()
    paths = [f"{prefix}/{name}" if prefix != "." else name for name in SNAPSHOT]
    listed = subprocess.run(["git", "-C", str(top), "ls-tree", "--name-only", commit, "--", *paths],
                            capture_output=True, text=True, check=True).stdout.split()
    archive = subprocess.run(["git", "-C", str(top), "archive", "--format=tar", commit, "--", *listed],
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return Project(into / prefix if prefix != "." else into)


def _standing(span: VersionSpan, day: dt.date, org) -> str:
    from policygen.model.base import PolicyDate
    from policygen.resolve.values import format_value

    date = lambda d: format_value(d, org)  # noqa: E731  (the organisation's own date format)
    return f"As it stood on {date(PolicyDate(day.year, day.month, day.day))}: {span.standing(day, date)}"


def build_as_at(project: Project, targets: list[Target], day: dt.date, formats: tuple[str, ...]) -> AsAtResult:
    """Build each target as it stood on ``day``; a policy with no version in force then is skipped
    with one line. ProblemsFound when the project is not in a git repository."""
    result = AsAtResult()
    chosen: dict[str, list[tuple[Target, VersionSpan]]] = {}
    for target, spans in timelines(project, targets).items():
        span = in_force(spans, day)
        if span is None:
            result.skipped.append(f"{target}: not built as at {day.isoformat()}: {why_not(spans, day)}")
        else:
            chosen.setdefault(span.commit_on(day).commit, []).append((target, span))
    for commit, group in chosen.items():
        with tempfile.TemporaryDirectory(prefix="policygen-as-at-") as scratch:
            then = _snapshot(project, commit, Path(scratch))
            for target, span in group:
                _build_one(project, then, target, span, day, formats, result)
    return result


def _build_one(project: Project, then: Project, target: Target, span: VersionSpan, day: dt.date,
               formats: tuple[str, ...], result: AsAtResult) -> None:
    from policygen.render import FORMATS, RenderContext, render_order, renderer
    from policygen.resolve import build_view
    from policygen.validate.checked import load_and_check
    from policygen.write import output_path, write_if_changed

    touch = span.commit_on(day)
    org_id, name = touch.path.split("/")[-2:]
    checked = load_and_check(then, [f"{org_id}/{name.removesuffix('.yaml')}"], today=day)
    where = f"{touch.commit[:7]}:"
    result.problems += [dataclasses.replace(p, file=where + p.file.removeprefix(str(then.root) + "/")) for p in checked.errors]
    if checked.errors or not checked.documents:
        result.skipped.append(f"{target}: not built as at {day.isoformat()}: version {span.version} at commit {touch.commit[:7]} has errors")
        return
    doc = checked.documents[0]
    view = build_view(doc.org.model, doc.model, doc.target.org_dir, doc.linked)
    view = dataclasses.replace(view, standing=_standing(span, day, doc.org.model))
    ctx = RenderContext(then.template_dirs(org_id))
    rendered = {fmt: renderer(fmt)(view, ctx) for fmt in render_order(formats)}
    for fmt in formats:
        path = output_path(project.build_dir, "as-at", day.isoformat(), target.org_id, f"{target.policy_id}.{FORMATS[fmt].extension}")
        if write_if_changed(path, rendered[fmt]):
            result.written.append(path.relative_to(project.root).as_posix())
        else:
            result.unchanged += 1
