"""The starter organisation.yaml an import writes for an organisation that has none yet.

Only what the model requires, marked for the user to replace, and a house style that shows
what an imported policy can hold (its preamble, summary, version history, every
document-control field the import reads): nothing is invented about the organisation
beyond its id.
"""

from __future__ import annotations

import json


_FRONT_SHEET = "".join(f"    - {{label: {label}, field: {field}}}\n" for label, field in (
    ("Reference", "document_control.reference"), ("Version", "document_control.version"),
    ("Status", "document_control.status"), ("Author", "document_control.author"), ("Owner", "document_control.owner"),
    ("Approved by", "document_control.approved.body"), ("Date approved", "document_control.approved.date"),
    ("Ratified by", "document_control.ratified.body"), ("Date ratified", "document_control.ratified.date"),
    ("Date issued", "document_control.issued"), ("Effective from", "document_control.effective"),
    ("Last review", "document_control.last_review"), ("Next review date", "review.next_review"),
    ("Target audience", "document_control.target_audience"), ("Applies to", "document_control.applies_to"),
    ("Supersedes", "document_control.supersedes"),
))


def organisation_text(org_id: str, roles: dict[str, str] | None = None) -> str:
    """``roles``: the role register the imported policy's responsibilities gave (key → title)."""
    words = org_id.replace("-", " ")
    register = "".join(f"  {key}:\n    title: {json.dumps(title, ensure_ascii=False)}\n" for key, title in (roles or {}).items())
    return f"""\
# yaml-language-server: $schema=../../schema/organisation.schema.json
# Made by `policygen import` for a new organisation: replace the names below with its own,
# then add its role register and house style (docs/authoring.md, "House style").
id: {org_id}
name: {words.title()}
short_name: {org_id.upper()}
referred_to_as: the organisation
type: other
{"roles:" + chr(10) + register if register else ""}style:
  blocks: [title, front_sheet, summary, version_history, contents, preamble, sections, appendices, closing]
  # Every document-control field an import reads, each row left out when a policy has no value for it.
  front_sheet_empty_rows: hide
  front_sheet:
{_FRONT_SHEET}"""
