"""Where a comparison's redlines go, and when an existing file there may be replaced.

Files are named by the versions compared (``social-media.redline.v4-v5.html``)
or, when the two versions do not tell the revisions apart (same or missing
version numbers), by commit id (``social-media.redline.3f2a91c-working-tree.html``),
never by the revision as typed, so ``v5``, ``HEAD`` and a commit id naming the
same version give the same file. Each file records which comparison made it
(the policy and both full commit ids, or "working-tree"); regenerating the
same comparison replaces it, and a file of the same name made by any other
comparison, or by something else, is left alone unless the user forces it.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from policygen.diff.changes import PolicyDiff
from policygen.diff.gitrev import Revision

IDENTITY_MARK = "policygen-comparison: "  # precedes the comparison's identity inside each file
_IDENTITY = re.compile(re.escape(IDENTITY_MARK).encode() + rb"([\w./-]+ [0-9a-z-]+\.\.[0-9a-z-]+)")


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-")


def version_name(version: str) -> str:
    """How a file name says a version: 'v4' for 4, 'C-E01.0' for C&E01.0 (redlines, a past version's documents)."""
    return ("v" if version[:1].isdigit() else "") + _slug(version)


def pair_name(diff: PolicyDiff, old: Revision, new: Revision) -> str:
    """'v4-v5' from the policy's own version numbers, else the short commit ids."""
    a, b = diff.old.version, diff.new.version
    if a and b and _slug(a) != _slug(b):
        return f"{version_name(a)}-{version_name(b)}"
    return f"{old.commit(short=True)}-{new.commit(short=True)}"


def side_label(version: str | None, rev: Revision) -> str:
    """How the documents name one side: 'version 4 (3f2a91c)', 'version 5 (working tree)'.
    Not the revision as typed, so every way of naming the same revision gives the same bytes."""
    where = "working tree" if rev.rev is None else rev.commit(short=True)
    return f"version {version} ({where})" if version else where


def identity(policy: str, old: Revision, new: Revision) -> str:
    """What a redline records about the comparison that made it."""
    return f"{policy} {old.commit()}..{new.commit()}"


def made_by(path: Path) -> str | None:
    """The identity recorded in an existing redline (HTML, or a DOCX's core properties); None if none."""
    try:
        if path.suffix == ".docx":
            with zipfile.ZipFile(path) as z:
                data = z.read("docProps/core.xml")
        else:
            data = path.read_bytes()
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    found = _IDENTITY.search(data)
    return found[1].decode("utf-8", "replace") if found else None


def refused(paths: list[Path], ident: str) -> list[Path]:
    """Existing files among ``paths`` that another comparison (or something else) made."""
    return [p for p in paths if p.exists() and made_by(p) != ident]
