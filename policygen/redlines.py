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
from policygen.diff.files import identity, pair_name, refused, version_name
from policygen.diff.gitrev import Revision
from policygen.project import Project, Target


@dataclass
class Redlines:
    written: list[Path]  # every file of the comparison (written, or already there with these bytes)
    refused: list[Path]  # files made by something else: nothing was written


def write_redlines(project: Project, target: Target, diff: PolicyDiff, old_rev: Revision, new_rev: Revision,
                   old_label: str, new_label: str, *, force: bool = False) -> Redlines:
    author, date = new_rev.author_and_date(target.policy_file)
    return _write(project, target, diff, pair_name(diff, old_rev, new_rev), identity(str(target), old_rev, new_rev),
                  (author, date), old_label, new_label, force)


def write_adoption_redlines(project: Project, target: Target, diff: PolicyDiff, old_version: str, new_version: str,
                            *, force: bool = False) -> Redlines:
    """The redlines of an adopter's document moved from model version ``old_version`` to ``new_version``
    (``policygen adopt --to``): 'social-media.redline.model-v1.0-v2.0.html', and its DOCX and changes page."""
    pair = f"model-{version_name(old_version)}-{version_name(new_version)}"
    ident = f"{target} adopt-{pair.replace('.', '-').lower()}..working-tree"
    old_label, new_label = f"as adopted from model version {old_version}", f"moved to model version {new_version}"
    author = Revision(project.root, None).author_and_date(target.policy_file)
    return _write(project, target, diff, pair, ident, author, old_label, new_label, force)


def _write(project: Project, target: Target, diff: PolicyDiff, pair: str, ident: str, author: tuple[str, str],
           old_label: str, new_label: str, force: bool) -> Redlines:
    from policygen.render.docx.redline import render_redline_docx
    from policygen.render.redline_html import render_redline_html
    from policygen.write import output_path, write_if_changed

    paths = {f"{kind}.{ext}": output_path(project.build_dir, target.org_id, f"{target.policy_id}.{kind}.{pair}.{ext}")
             for kind, ext in (("redline", "html"), ("redline", "docx"), ("changes", "html"))}
    clash = [] if force else refused(list(paths.values()), ident)
    if clash:
        return Redlines([], clash)
    templates = project.template_dirs(target.org_id)
    outputs = {
        "redline.html": render_redline_html(diff, old_label, new_label, templates, comparison=ident),
        "redline.docx": render_redline_docx(diff, old_label, new_label, *author, comparison=ident),
        "changes.html": render_redline_html(diff, old_label, new_label, templates, comparison=ident, changes_only=True),
    }
    for key, data in outputs.items():
        write_if_changed(paths[key], data)
    return Redlines(list(paths.values()), [])
