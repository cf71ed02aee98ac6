"""Version numbers: one rule per organisation, shared by `policygen review` (the bump) and the lint.

An organisation declares its convention in organisation.yaml (``version_numbers``):

- ``major-minor`` (the default, as most NHS bodies number): drafts 0.1, 0.2…; approved 1.0, 2.0;
  a minor change 1.1;
- ``whole``: 1, 2, 3, every new version the next whole number;
- ``semantic``: 2.1.2, major.minor.patch, a draft moving the last part.

Because the bump and the lint read the same rule, `review` never writes a version that
`validate` then warns about. A prefix (``C&E01.0``) and zero padding keep their shape: only
the numbers move.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from policygen.model.organisation import VersionNumbers

Bump = Literal["major", "minor", "draft"]
_VERSION = re.compile(r"^(?P<prefix>\D*?)(?P<numbers>\d+(?:\.\d+)*)$")


class VersionError(ValueError):
    pass


@dataclass(frozen=True)
class Convention:
    name: VersionNumbers
    parts: int  # how many dotted numbers a version has
    example: str  # for messages

    def bump(self, version: str | None, kind: Bump, *, drafted: bool = False) -> str:
        """The next version: 'major' for an approved new version, 'minor' for a minor change, 'draft' for a draft.

        ``drafted``: the current version is a draft. Whole numbers have no draft numbering, so a
        draft that is approved keeps its number (draft 1 is approved as 1).
        """
        if self.name == "whole" and drafted and version and kind != "draft":
            return version
        if not version:
            first = {"major-minor": ("0.1", "1.0"), "whole": ("1", "1"), "semantic": ("0.1.0", "1.0.0")}[self.name]
            return first[0] if kind == "draft" else first[1]
        prefix, texts = self._split(version)
        if prefix is None:
            raise VersionError(f"cannot work out the next version after '{version}'; give it with --version")
        texts = (texts + ["0"] * self.parts)[: self.parts]  # '4' under major-minor is 4.0
        numbers = [int(t) for t in texts]
        if self.name == "whole" or kind == "major":
            moved = 0
        elif kind == "minor" or self.parts == 2:
            moved = 1
        else:  # a semantic draft moves the patch number
            moved = 2
        numbers = numbers[:moved] + [numbers[moved] + 1] + [0] * (self.parts - moved - 1)
        return prefix + ".".join(str(n).zfill(len(t)) for n, t in zip(numbers, texts))

    def problem(self, version: str, status: str) -> str | None:
        """What is wrong with this version under the convention, or None."""
        prefix, texts = self._split(version)
        if prefix is None or len(texts) != self.parts:
            return f"'{version}' does not follow {self.name} numbering ({self.example}); set version_numbers in organisation.yaml if this organisation numbers otherwise"
        if self.name != "major-minor":
            return None
        major, minor = int(texts[0]), int(texts[1])
        if status == "draft" and major >= 1 and minor == 0:
            return f"a draft should be numbered 0.x, not {version}"
        if status in ("approved", "published") and major == 0:
            return f"an approved policy should be 1.0 or later, not {version}"
        return None

    @staticmethod
    def _split(version: str) -> tuple[str | None, list[str]]:
        m = _VERSION.match(version.strip())
        return (m["prefix"], m["numbers"].split(".")) if m else (None, [])


CONVENTIONS: dict[VersionNumbers, Convention] = {
    "major-minor": Convention("major-minor", 2, "drafts 0.1, 0.2…; approved 1.0, 2.0; minor 1.1"),
    "whole": Convention("whole", 1, "1, 2, 3"),
    "semantic": Convention("semantic", 3, "major.minor.patch, e.g. 2.1.2"),
}
