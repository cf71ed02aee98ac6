"""A past version of a policy as documents: the normal pipeline run on the project as it was at a commit.

The commit's ``organisations/`` and ``vocabulary/`` are unpacked into a scratch project, so
that loading, validation, linked policies, pictures, the Word template and the organisation
file are all as they were at that commit, and the same resolve and renderers as a normal
build make the documents. The Jinja templates are today's (the project's and the package's):
they lay out today's view model, which a template of years ago may not know. The view model carries the statement of
which version this is and when it was in force (``DocumentView.standing``), which every
format lays out under the title; the renderers never work it out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import subprocess
import tarfile
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from policygen.history.gitlog import Touch, repo_top
from policygen.model.base import PolicyDate
from policygen.problems import Problem
from policygen.project import Project

if TYPE_CHECKING:  # the models load only when a version is read
    from policygen.load.document import LoadedPolicy

SNAPSHOT = ("organisations", "vocabulary")  # the data a build reads from the project

DateText = Callable[[PolicyDate], str]


def snapshot(project: Project, commit: str, into: Path) -> Project:
    """The project's build inputs at ``commit``, unpacked under ``into`` (nothing else is read): a Project to load from."""
    top = repo_top(project.root)
    prefix = project.root.resolve().relative_to(top).as_posix()
    paths = [name if prefix == "." else f"{prefix}/{name}" for name in SNAPSHOT]
    listed = subprocess.run(["git", "-C", str(top), "ls-tree", "--name-only", commit, "--", *paths],
                            capture_output=True, text=True, check=True).stdout.split()
    archive = subprocess.run(["git", "-C", str(top), "archive", "--format=tar", commit, "--", *listed],
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return Project(into if prefix == "." else into / prefix)


def load_version(then: Project, touch: Touch, day: dt.date) -> tuple[LoadedPolicy | None, list[Problem]]:
    """The policy file ``touch.path`` of the snapshot ``then``, loaded and checked as on ``day``;
    None and the errors (each file named with the commit) if that version does not load."""
    from policygen.validate.checked import load_and_check

    org_id, name = touch.path.split("/")[-2:]
    checked = load_and_check(then, [f"{org_id}/{name.removesuffix('.yaml')}"], today=day)
    errors = [dataclasses.replace(p, file=f"{touch.commit[:7]}:{p.file.removeprefix(str(then.root) + '/')}") for p in checked.errors]
    return (None if errors or not checked.documents else checked.documents[0]), errors


def render_version(project: Project, then: Project, touch: Touch, day: dt.date, statement: Callable[[DateText], str],
                   formats: tuple[str, ...]) -> tuple[dict[str, bytes] | None, list[Problem]]:
    """The policy file ``touch.path`` of the snapshot ``then`` rendered in ``formats`` with ``project``'s
    templates, and the statement ``statement(date)`` (``date`` writes a date as its organisation does);
    None and the errors (each file named with the commit) if that version does not load."""
    from policygen.render import RenderContext, render_order, renderer
    from policygen.resolve import build_view
    from policygen.resolve.values import format_value

    doc, errors = load_version(then, touch, day)
    if doc is None:
        return None, errors
    org_id, org = doc.target.org_id, doc.org.model
    view = build_view(org, doc.model, doc.target.org_dir, doc.linked)
    view = dataclasses.replace(view, standing=statement(lambda d: format_value(d, org)))
    ctx = RenderContext(project.template_dirs(org_id))
    rendered = {fmt: renderer(fmt)(view, ctx) for fmt in render_order(formats)}
    return {fmt: rendered[fmt] for fmt in formats}, errors
