"""The text of a new policy file (`policygen new`): everything a document needs, so nothing goes missing.

A draft in the organisation's own version numbering, a review rule, a version history row,
sections whose clauses carry topics, and an Equality Impact Assessment covering the nine
protected characteristics, placed by an ``include: eia`` block. What the author must still
write is marked "Replace with"; nothing is invented about the organisation.
"""

from __future__ import annotations

import datetime as dt
import json

from policygen.model import Organisation
from policygen.model.eia import PROTECTED_CHARACTERISTICS
from policygen.model.versioning import CONVENTIONS

_LABELS = {
    "age": "Age", "disability": "Disability", "gender-reassignment": "Gender reassignment",
    "marriage-civil-partnership": "Marriage and civil partnership", "pregnancy-maternity": "Pregnancy and maternity",
    "race": "Race", "religion-belief": "Religion or belief", "sex": "Sex", "sexual-orientation": "Sexual orientation",
}


def title_from_id(policy_id: str) -> str:
    """'social-media' → 'Social Media Policy'."""
    words = " ".join(w.capitalize() for w in policy_id.split("-"))
    return words if words.lower().endswith(("policy", "procedure", "guideline", "strategy")) else f"{words} Policy"


def policy_text(org: Organisation, policy_id: str, title: str, today: dt.date) -> str:
    version = json.dumps(CONVENTIONS[org.version_numbers].bump(None, "draft"))  # quoted: YAML would read 0.1 as a number
    rows = "".join(f"          - {{characteristic: {c}, label: {_LABELS[c]}}}\n" for c in PROTECTED_CHARACTERISTICS)
    return f"""\
# yaml-language-server: $schema=../../schema/policy.schema.json
# Made by `policygen new`. Replace each "Replace with" text, then run
# `policygen validate {org.id}/{policy_id}`; docs/authoring.md describes every key.
id: {policy_id}

document_control:
  title: {json.dumps(title, ensure_ascii=False)}
  # reference: the document's reference number
  version: {version}
  status: draft
  author:
    title: Replace with the author's job title
  # `policygen review {org.id}/{policy_id}` records the approval (body and date) when it is approved.

# Reviewed every three years from approval; `policygen review` works out the date.
review:
  every: 3 years

version_history:
  - version: {version}
    date: {today.isoformat()}
    description: First draft

sections:
  - id: introduction
    title: Introduction
    blocks:
      - id: introduction-purpose
        topics: [purpose]
        text: Replace with what this policy is for and why {{org}} needs it.
  - id: scope
    title: Scope
    blocks:
      - id: scope-applies-to
        topics: [scope]
        text: Replace with who and what this policy applies to.
  - id: equality-impact-assessment
    title: Equality Impact Assessment
    blocks:
      - id: eia
        include: eia

eia:
  parts:
    - grid:
        rows:
{rows}"""
