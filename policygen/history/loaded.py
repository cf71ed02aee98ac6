"""The library as it stood on a date, loaded: what `policygen search --as-at` indexes.

Each policy is read from the commit whose text was in force on the day (the rule of
policygen.history.versions, as ``build --as-at`` reads it), with its organisation file and
the policies it cites as they were in that commit.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from contextlib import ExitStack
from pathlib import Path

from policygen.history.asat import chosen
from policygen.history.documents import load_version, snapshot
from policygen.load.document import LoadedPolicy
from policygen.project import Project, Target


def documents_as_at(project: Project, targets: list[Target], day: dt.date, stack: ExitStack) -> tuple[list[LoadedPolicy], list[str]]:
    """The policies in force on ``day`` that load without errors, and one line for each other.

    The snapshots they were read from live until ``stack`` closes, since a resolved view
    may still open a picture from its organisation's folder."""
    by_commit, not_in_force = chosen(project, targets, day)
    skipped = [f"{target}: not searched as at {day.isoformat()}: {why}" for target, why in not_in_force]
    documents: list[LoadedPolicy] = []
    for commit, group in by_commit.items():
        then = snapshot(project, commit, Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="policygen-as-at-"))))
        for target, span in group:
            doc, _ = load_version(then, span.commit_on(day), day)
            if doc is None:
                skipped.append(f"{target}: not searched as at {day.isoformat()}: version {span.version} has errors")
            else:
                documents.append(doc)
    return documents, skipped
