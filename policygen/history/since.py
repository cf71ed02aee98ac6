"""What changed since a date: every new version of every policy, for a committee or a new member of staff.

A version is listed when it **came into force or was approved** in the period: a
committee needs what it approved even when it comes into force later, and staff
need what came into force even if it was approved before; each row shows both
dates and what the version was on the period's last day (current, approved and
not yet in force, superseded). The redline compares the previous version with
this one, each as its last commit records it (corrections included), with the
diff's own files and naming (policygen.redlines).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from policygen.history.timeline import timelines
from policygen.history.versions import VersionSpan
from policygen.problems import ProblemsFound
from policygen.project import Project, Target


@dataclass
class NewVersion:
    target: Target
    old: VersionSpan | None  # None: a new policy
    new: VersionSpan
    redlines: list[str] = field(default_factory=list)  # project-relative paths: the redline (HTML, DOCX) and changes page
    note: str | None = None  # why there is no redline

    @property
    def title(self) -> str:
        return self.new.control.title or str(self.target)

    @property
    def when(self) -> dt.date:
        """The later of its approval and effective dates: what 'newest first' orders by."""
        dates = [d.first_day() for d in (self.new.approved, self.new.effective) if d is not None]
        return max(dates)


def _in(day, since: dt.date, until: dt.date) -> bool:
    return day is not None and since <= day.first_day() <= until


def new_versions(project: Project, targets: list[Target], since: dt.date, until: dt.date) -> list[NewVersion]:
    """Each version approved or in force from ``since`` to ``until`` (both included), newest first."""
    found = []
    for target, spans in timelines(project, targets).items():
        for span in spans:
            if _in(span.effective, since, until) or _in(span.approved, since, until):
                found.append(NewVersion(target, span.previous, span))
    return sorted(found, key=lambda n: (-n.when.toordinal(), str(n.target), n.new.version))


def write_redline(project: Project, item: NewVersion, *, force: bool = False) -> None:
    """The redline from the previous version to this one, in build/<org>/ as policygen diff names it;
    ``item.note`` says why not when there is no previous version, a side does not load, or a file
    of that name was made by something else."""
    from policygen.diff import diff_views
    from policygen.diff.files import side_label
    from policygen.diff.gitrev import Revision
    from policygen.diff.load import load_version
    from policygen.redlines import write_redlines

    if item.old is None:
        item.note = "a new policy: nothing to compare"
        return
    sides = []
    for span in (item.old, item.new):
        org_id, name = span.last.path.split("/")[-2:]
        then = Target(org_id, name.removesuffix(".yaml"), project.organisations / org_id)  # its name then
        sides.append((then, Revision(project.root, span.last.commit)))
    try:
        views = [load_version(project, then, rev) for then, rev in sides]
    except ProblemsFound as exc:
        item.note = f"no redline: {exc.problems[0]}"
        return
    diff = diff_views(*views)
    (_, old_rev), (_, new_rev) = sides
    written = write_redlines(project, item.target, diff, old_rev, new_rev, side_label(diff.old.version, old_rev),
                             side_label(diff.new.version, new_rev), force=force)
    if written.refused:
        item.note = f"no redline: {written.refused[0].relative_to(project.root)} exists and was not made by this comparison (--force replaces it)"
    item.redlines = [p.relative_to(project.root).as_posix() for p in written.written]
