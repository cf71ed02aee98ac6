"""The small sample project the bad-input, review and feature tests edit: organisation 'acme', one policy.

Shared by test folders of several stages, so it lives here rather than in any one test module.
"""

from __future__ import annotations

from pathlib import Path

from conftest import ACME_ORG

ORG = ACME_ORG + """\
roles:
  comms:
    title: Communications Team
"""

POLICY = """\
# yaml-language-server: $schema=../../schema/policy.schema.json
id: social-media
kind: social-media
document_control:
  title: Social Media Policy
  reference: P_1
  version: "1.0"
  approved:
    body: Policy Group
    date: 2024-01-10
  issued: 2024-02-01
review:
  every: 3 years
  next_review: 2027-01
version_history:
  - version: "1.0"
    date: 2024-02-01
    description: New policy
sections:
  - id: intro
    title: Introduction
    blocks:
      - id: intro-purpose
        topics: [purpose]
        text: This policy explains how the {role:comms} runs our accounts.
  - id: scope
    title: Scope
    blocks:
      - id: scope-staff
        topics: [scope]
        text: It applies to all staff; see {ref:intro}.
"""

COMMENTED = """\
# yaml-language-server: $schema=../../schema/policy.schema.json
# Owner: the governance team. Keep this header.
id: social-media

document_control:
  title: Social Media Policy   # as on the front sheet
  reference: P_1
  version: "1.0"
  status: approved
  author:
    title: Communications Lead
  approved:
    body: Policy Group   # the approving committee
    date: 2023-02-10
  issued: 2023-03-01

# Reviewed every three years from approval.
review:
  every: 3 years
  next_review: 2026-02-10

version_history:
  # Oldest first.
  - version: "1.0"
    date: 2023-02-10
    description: New policy

sections:
  - id: intro
    title: Introduction
    blocks:
      - id: intro-purpose
        topics: [purpose]
        text: This policy explains how we use social media.
"""


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted((root / "build").rglob("*")) if p.is_file()}


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


POLICY_FILE = r"organisations/acme/social-media\.yaml"


def edit(root: Path, old: str, new: str) -> str:
    path = root / "organisations" / "acme" / "social-media.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text


# The head of the small one-section policies the feature tests build (numbering, tables, …).
SMALL_POLICY_HEAD = """\
id: social-media
document_control:
  title: Social Media Policy
  version: "1.0"
  approved: {body: Board, date: 2025-05-01}
review: {every: 3 years}
"""
