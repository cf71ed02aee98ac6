"""The text of a new policy file (`policygen new`): everything a document needs, so nothing goes missing.

A draft in the organisation's own version numbering, its kind, a review rule, a version history
row, sections whose clauses carry topics (one clause for each of its kind's own topics, a
checklist of what such a policy usually covers), and, where the organisation requires one
(``requires.eia``), an Equality Impact Assessment covering the nine protected characteristics,
placed by an ``include: eia`` block. What the author must still write is marked "Replace with";
nothing is invented about the organisation.
"""

from __future__ import annotations

import datetime as dt
import json

from policygen.model import Organisation
from policygen.model.eia import PROTECTED_CHARACTERISTICS
from policygen.model.versioning import CONVENTIONS
from policygen.model.vocabulary import Kind, Topic

_LABELS = {
    "age": "Age", "disability": "Disability", "gender-reassignment": "Gender reassignment",
    "marriage-civil-partnership": "Marriage and civil partnership", "pregnancy-maternity": "Pregnancy and maternity",
    "race": "Race", "religion-belief": "Religion or belief", "sex": "Sex", "sexual-orientation": "Sexual orientation",
}


def title_from_id(policy_id: str) -> str:
    """'social-media' → 'Social Media Policy'."""
    words = " ".join(w.capitalize() for w in policy_id.split("-"))
    return words if words.lower().endswith(("policy", "procedure", "guideline", "strategy")) else f"{words} Policy"


def policy_text(org: Organisation, policy_id: str, title: str, today: dt.date, kind: Kind | None, topics: list[Topic]) -> str:
    """The file's text; ``topics`` are the kind's own (not the shared ones), each given a clause to write or delete."""
    version = json.dumps(CONVENTIONS[org.version_numbers].bump(None, "draft"))  # quoted: YAML would read 0.1 as a number
    return f"""\
# yaml-language-server: $schema=../../schema/policy.schema.json
# Made by `policygen new`. Replace each "Replace with" text, then run
# `policygen validate {org.id}/{policy_id}`; docs/authoring.md describes every key.
id: {policy_id}
{_kind_line(kind)}
document_control:
  title: {json.dumps(title, ensure_ascii=False)}
  # reference: the document's reference number
  version: {version}
  status: draft
  author:
    title: Replace with the author's job title
  # `policygen review {org.id}/{policy_id}` records the approval (body and date) when it is approved.
  # extra:  # rows the front sheet needs that no field above holds, e.g.
  #   - {{label: Classification, value: Official}}

# Reviewed every three years from approval; `policygen review` works out the date.
review:
  every: 3 years

version_history:
  - version: {version}
    date: {today.isoformat()}
    description: First draft

{_sections(org, kind, topics)}"""


def _sections(org: Organisation, kind: Kind | None, topics: list[Topic]) -> str:
    """The body: a section for each part every policy has, one for the kind's topics, the EIA."""
    return f"""\
# Numbers are generated: never type "1.", "4.2" or "a)" in a title or text. The house style
# (style.numbering or style.levels in organisation.yaml) numbers them; `levels:` here, or on a
# section, numbers this policy or that section's blocks otherwise (docs/authoring.md, "Numbering").
# A diagram is a block too: `figure: {{src: images/flow.png, alt: what it shows}}`, the file kept
# in this organisation's folder (docs/authoring.md, "Pictures"). Legislation and standards the
# policy follows go in `references:` (title, url, identifier, id); text cites one with {{cite:ID}},
# a clause names the standard clause it puts into effect with `implements:`, and a block
# `include: references` places the table (docs/authoring.md, "References and citations").
# `identifiers: {{pattern: "POL.ABC.{{n:03}}"}}` gives every clause a statement identifier.
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
  - id: responsibilities
    title: Responsibilities
    blocks:
      # A table: `header` labels the columns, `row_headers` makes each row's first cell its label,
      # `widths` shares the width out (here 1 : 3); `groups` and check boxes: docs/authoring.md, "Tables".
      - id: responsibilities-table
        topics: [responsibilities]
        caption: Who does what
        header: [Role, Responsibilities]
        row_headers: true
        widths: [1, 3]
        rows:
          - [Replace with a job title, Replace with what they do under this policy.]
{_kind_section(kind, topics)}{_eia(org)}"""


def _eia(org: Organisation) -> str:
    """The EIA section and form, for an organisation that requires one (requires.eia)."""
    if not org.requires.eia:
        return ""
    rows = "".join(f"          - {{characteristic: {c}, label: {_LABELS[c]}}}\n" for c in PROTECTED_CHARACTERISTICS)
    return f"""\
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


def _kind_line(kind: Kind | None) -> str:
    return "" if kind is None else f"kind: {kind.id}  # vocabulary/topics.yaml: which topics its clauses may carry\n"


def _kind_section(kind: Kind | None, topics: list[Topic]) -> str:
    """A section with a clause per topic of the kind: delete those the policy does not need."""
    if kind is None or not topics:
        return ""
    clauses = "".join(
        f"      - id: {kind.id}-{t.id}\n"
        f"        topics: [{t.id}]\n"
        f"        text: {json.dumps(f'Replace with what this policy says on “{t.label}”' + (f': {t.description}' if t.description else '.'), ensure_ascii=False)}\n"
        for t in topics
    )
    return (
        f"  - id: {kind.id}\n"
        f"    title: {json.dumps(kind.label, ensure_ascii=False)}\n"
        f"    # One clause for each topic {kind.label.lower()} policies usually cover: write those this policy needs, delete the rest.\n"
        f"    blocks:\n{clauses}"
    )
