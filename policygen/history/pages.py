"""A policy's timeline for its page on the library site: every version built, with its redline.

``version_pages(project, target)`` builds each version of the policy (as its last commit
records it, corrections included) into ``build/<org>/<policy>.v<version>.<ext>``, saying
under the title "Version 1.0, in force from … to …" (or "current", or "approved …, in force
from …"), writes the redline from the version before (as ``policygen changes`` does), and
returns one ``VersionPage`` a row of the timeline, oldest first. A version's documents state
dates alone, never what is true on the day they were made, so they are the same bytes
whenever they are built (``policygen build`` builds each once per commit). Files are written
only when their bytes change, so a rebuild of an unchanged history touches nothing.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from policygen.diff.files import version_name
from policygen.history.documents import render_version, snapshot
from policygen.history.since import NewVersion, write_redline
from policygen.history.timeline import timeline
from policygen.history.versions import VersionSpan
from policygen.problems import Problem
from policygen.project import Project, Target


@dataclass
class VersionPage:
    """One row of a policy's timeline: the version (``change.new``, with its dates, approvers and
    summary), the one it replaced (``change.old``), its redline, and its own documents."""

    change: NewVersion
    state: str  # on the day asked about: current, superseded, withdrawn, approved, never in force
    documents: list[str] = field(default_factory=list)  # project-relative paths, one a format
    problems: list[Problem] = field(default_factory=list)  # why it has no documents: it does not load


def version_file(target: Target, version: str, extension: str) -> tuple[str, str]:
    """Where a version's document goes under build/: beside the policy's, ``<policy>.v<version>.<ext>``
    (a policy id has no dot, so no other policy's file can have the name)."""
    return target.org_id, f"{target.policy_id}.{version_name(version)}.{extension}"


def render_span(project: Project, span: VersionSpan, formats: tuple[str, ...]) -> tuple[dict[str, bytes] | None, list[Problem]]:
    """The version's documents, from the project as it was at its last commit and checked as on
    that commit's day, stating its ``facts`` under the title: nothing depends on today."""
    with tempfile.TemporaryDirectory(prefix="policygen-version-") as scratch:
        then = snapshot(project, span.last.commit, Path(scratch))
        return render_version(project, then, span.last, span.last.date, lambda date: _capital(span.facts(date)), formats)


def version_pages(project: Project, target: Target, *, formats: tuple[str, ...] = ("html",),
                  day: dt.date | None = None, force: bool = False) -> list[VersionPage]:
    """Build every version of ``target`` and its redline; the timeline's rows, oldest first.
    ``day`` (default today) is the day each row's ``state`` is told for; the documents do not depend on it."""
    from policygen.render import FORMATS
    from policygen.write import output_path, write_if_changed

    day = day or dt.date.today()
    pages = []
    for span in timeline(project, target):
        page = VersionPage(NewVersion(target, span.previous, span), span.state(day))
        write_redline(project, page.change, force=force)
        rendered, page.problems = render_span(project, span, formats)
        for fmt, data in (rendered or {}).items():
            path = output_path(project.build_dir, *version_file(target, span.version, FORMATS[fmt].extension))
            write_if_changed(path, data)
            page.documents.append(path.relative_to(project.root).as_posix())
        pages.append(page)
    return pages


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
