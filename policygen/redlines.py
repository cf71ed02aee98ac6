"""Writing one comparison's redlines: the full redline (HTML, DOCX tracked changes) and the changes-only page.

Shared by ``policygen diff`` and the history (``policygen changes``), so both name and guard
the files alike: all or none, and a file of the same name that another comparison made is
not replaced unless forced (see policygen.diff.files). It sits above the renderers, which
read policygen.diff's comparison, so that package stays a comparison and nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from policygen.diff.changes import PolicyDiff
from policygen.diff.files import identity, pair_name, refused
from policygen.diff.gitrev import Revision
from policygen.project import Project, Target


@dataclass
class Redlines:
    written: list[Path]  # every file of the comparison (written, or already there with these bytes)
    refused: list[Path]  # files made by something else: nothing was written


def write_redlines(project: Project, target: Target, diff: PolicyDiff, old_rev: Revision, new_rev: Revision,
                   old_label: str, new_label: str, *, force: bool = False) -> Redlines:
    from policygen.render.docx.redline import render_redline_docx
    from policygen.render.redline_html import render_redline_html
    from policygen.write import output_path, write_if_changed

    pair = pair_name(diff, old_rev, new_rev)
    ident = identity(str(target), old_rev, new_rev)
    paths = {f"{kind}.{ext}": output_path(project.build_dir, target.org_id, f"{target.policy_id}.{kind}.{pair}.{ext}")
             for kind, ext in (("redline", "html"), ("redline", "docx"), ("changes", "html"))}
    clash = [] if force else refused(list(paths.values()), ident)
    if clash:
        return Redlines([], clash)
    author, date = new_rev.author_and_date(target.policy_file)
    templates = project.template_dirs(target.org_id)
    outputs = {
        "redline.html": render_redline_html(diff, old_label, new_label, templates, comparison=ident),
        "redline.docx": render_redline_docx(diff, old_label, new_label, author, date, comparison=ident),
        "changes.html": render_redline_html(diff, old_label, new_label, templates, comparison=ident, changes_only=True),
    }
    for key, data in outputs.items():
        write_if_changed(paths[key], data)
    return Redlines(list(paths.values()), [])
