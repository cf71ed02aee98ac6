"""Version numbers as NHS policies use them: drafts 0.1, 0.2…; approved 1.0, 2.0; minor change 1.1.

Organisations that number plainly (1, 2, 3) or with a prefix (C&E01.0) keep
their own shape: only the number moves.
"""

from __future__ import annotations

import re
from typing import Literal

Bump = Literal["major", "minor", "draft"]
_VERSION = re.compile(r"^(?P<prefix>.*?)(?P<major>\d+)(?:\.(?P<minor>\d+))?$")


class VersionError(ValueError):
    pass


def bump(version: str | None, kind: Bump) -> str:
    """The next version: 'major' for an approved new version, 'minor' for a minor change, 'draft' for a draft."""
    if not version:
        return "0.1" if kind == "draft" else "1.0"
    m = _VERSION.match(version.strip())
    if not m:
        raise VersionError(f"cannot work out the next version after '{version}'; give it with --version")
    prefix, major_text, minor_text = m["prefix"], m["major"], m["minor"]
    major = int(major_text)
    if minor_text is None:  # plain whole numbers: 4 → 5, or 4 → 4.1 for a minor change or draft
        return f"{prefix}{major + 1}" if kind == "major" else f"{prefix}{major}.1"
    if kind == "major":
        return f"{prefix}{str(major + 1).zfill(len(major_text))}.0"
    return f"{prefix}{major_text}.{int(minor_text) + 1}"
