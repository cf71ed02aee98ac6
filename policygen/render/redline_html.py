"""Redline HTML: the changes between two versions, marked with <ins> and <del> (colour and a non-colour cue)."""

from __future__ import annotations

from pathlib import Path

from policygen.diff import PolicyDiff
from policygen.diff.files import IDENTITY_MARK
from policygen.diff.redline import entries
from policygen.render.templating import environment


def render_redline_html(diff: PolicyDiff, old_label: str, new_label: str, template_dirs: list[Path], *,
                        comparison: str, changes_only: bool = False) -> bytes:
    """The whole text with changes marked; with ``changes_only``, only the blocks that changed.
    ``comparison`` (see policygen.diff.files) is recorded in the page so a later run knows who made it."""
    env = environment(template_dirs, "html")
    page = env.get_template("redline.html.j2").render(
        diff=diff, entries=entries(diff), old_label=old_label, new_label=new_label,
        comparison=IDENTITY_MARK + comparison, changes_only=changes_only)
    return page.encode("utf-8")
