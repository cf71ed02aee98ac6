"""Each policy's versions, read from git: the timeline a policy page shows and as-at builds choose from.

The organisation file's own commits are not versions of its policies (a new
logo does not re-approve anything); a version is built with the organisation
file as it was at that version's commit.
"""

from __future__ import annotations

from policygen.history.control import read_control
from policygen.history.gitlog import read_all, touches
from policygen.history.versions import VersionSpan, versions
from policygen.project import Project, Target


def timelines(project: Project, targets: list[Target]) -> dict[Target, list[VersionSpan]]:
    """Every target's versions, oldest first, in two git processes whatever the number of policies.
    ProblemsFound (one line) when the project is not in a git repository."""
    by_file = touches(project.root, [t.policy_file for t in targets])
    points = [(t, touch) for t in targets for touch in reversed(by_file[t.policy_file]) if not touch.deleted]
    texts = iter(read_all(project.root, [(touch.commit, touch.path) for _, touch in points]))
    controls = {(t, touch.commit): read_control(data.decode("utf-8", "replace")) if data is not None else None
                for (t, touch), data in zip(points, texts)}
    return {t: versions([(touch, controls.get((t, touch.commit))) for touch in reversed(by_file[t.policy_file])])
            for t in targets}


def timeline(project: Project, target: Target) -> list[VersionSpan]:
    """One policy's versions, oldest first: each with its commits, dates, approvers and change summary."""
    return timelines(project, [target])[target]

