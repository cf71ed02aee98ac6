"""The syntax text uses to refer to other things by key.

``{ref:ID}``, ``{ref:ID|shown words}``, ``{num:ID}``, ``{role:KEY}``, ``{org}``,
``{org:name}``, ``{org:short}``. Kept here because it is part of the data
format: validation checks the targets exist, resolution fills them in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

REF_RE = re.compile(r"\{(ref|num|role|org)(?::([a-z0-9]+(?:-[a-z0-9]+)*))?(?:\|([^{}]*))?\}")

ORG_FORMS = {None: "referred_to_as", "name": "name", "short": "short_name"}


@dataclass(frozen=True)
class Ref:
    kind: str  # ref | num | role | org
    key: str | None
    shown: str | None
    start: int
    end: int


def find_refs(text: str) -> Iterator[Ref]:
    for m in REF_RE.finditer(text):
        yield Ref(m[1], m[2], m[3], m.start(), m.end())
