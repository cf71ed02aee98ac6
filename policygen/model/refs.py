"""The syntax text uses to refer to other things by key.

``{ref:ID}``, ``{ref:ID|shown words}``, ``{num:ID}``, ``{cite:ID}`` (one of the policy's
references), ``{role:KEY}``, ``{org}``, ``{org:name}``, ``{org:short}``. A ``{ref:}`` or ``{num:}`` key may name a block of another
policy: ``policy-id#block-id`` (same organisation) or ``org-id/policy-id#block-id``. Kept here because it is part of the data
format: validation checks the targets exist, resolution fills them in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

_SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
REF_RE = re.compile(rf"\{{(ref|num|cite|role|org)(?::((?:(?:{_SLUG}/)?{_SLUG}#)?{_SLUG}))?(?:\|([^{{}}]*))?\}}")

ORG_FORMS = {None: "referred_to_as", "name": "name", "short": "short_name"}


@dataclass(frozen=True)
class Ref:
    kind: str  # ref | num | cite | role | org
    key: str | None
    shown: str | None
    start: int
    end: int


def into_other_policy(ref: Ref) -> bool:
    """Whether the reference names a block of another policy (``{ref:policy#id}``)."""
    return ref.kind in ("ref", "num") and bool(ref.key) and "#" in ref.key


def split_key(key: str) -> tuple[str | None, str | None, str]:
    """A reference key as (organisation, policy, block id); the first two None where not given."""
    policy, _, block = key.rpartition("#")
    org, _, policy = policy.rpartition("/")
    return org or None, policy or None, block


def find_refs(text: str) -> Iterator[Ref]:
    for m in REF_RE.finditer(text):
        yield Ref(m[1], m[2], m[3], m.start(), m.end())
