"""The starter organisation.yaml an import writes for an organisation that has none yet.

Only what the model requires, marked for the user to replace, and a house style that prints the
imported policy as its source read: the document-control labels and version-history headings
the source used, in its order, and whole version numbers when that is how it numbered. Then
every other document-control field the import reads, hidden while a policy has no value for it,
so the next policy imported into the organisation loses none. Nothing is invented about the
organisation beyond its id.
"""

from __future__ import annotations

import json

from policygen.importer.recognise import Recognised
from policygen.model.versioning import CONVENTIONS

# No default Status row: a policy's status always has a value (approved, unless stated), so the
# row would print on every front sheet, words its source never had; one the source labels is kept.
_FRONT_SHEET = (
    ("Reference", "document_control.reference"), ("Version", "document_control.version"),
    ("Author", "document_control.author"), ("Owner", "document_control.owner"),
    ("Approved by", "document_control.approved.body"), ("Date approved", "document_control.approved.date"),
    ("Ratified by", "document_control.ratified.body"), ("Date ratified", "document_control.ratified.date"),
    ("Date issued", "document_control.issued"), ("Effective from", "document_control.effective"),
    ("Last review", "document_control.last_review"), ("Next review date", "review.next_review"),
    ("Target audience", "document_control.target_audience"), ("Applies to", "document_control.applies_to"),
    ("Supersedes", "document_control.supersedes"),
)


def organisation_text(org_id: str, found: Recognised) -> str:
    """The starter for ``found``, the policy imported; its roles start the register (key → title)."""
    words = org_id.replace("-", " ")
    register = "".join(f"  {key}:\n    title: {json.dumps(title, ensure_ascii=False)}\n" for key, title in found.roles.items())
    numbering = "version_numbers: whole\n" if _whole_numbers(found) else ""
    history = f"  version_history:\n{_rows(found.history_columns)}" if found.history_columns else ""
    return f"""\
# yaml-language-server: $schema=../../schema/organisation.schema.json
# Made by `policygen import` for a new organisation: replace the names below with its own,
# then add its role register and house style (docs/authoring.md, "House style").
id: {org_id}
name: {words.title()}
short_name: {org_id.upper()}
referred_to_as: the organisation
type: other
{numbering}{"roles:" + chr(10) + register if register else ""}style:
  blocks: [title, front_sheet, summary, version_history, contents, preamble, sections, appendices, closing]
  # The imported policy's document-control rows as its source labelled them, then every other
  # field the import reads, each row left out when a policy has no value for it.
  front_sheet_empty_rows: hide
  front_sheet:
{_rows(_front_sheet(found.front_sheet))}{history}"""


def _front_sheet(source: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The source's rows, then the default rows for what it did not label. An approval the source
    labelled at all is left as it labelled it: "Approval by EOSC: 16 January 2018" names the body
    in its label, so an "Approved by" row would print what the source did not."""
    labelled = {_approval(path) for _, path in source}
    return [*source, *((label, path) for label, path in _FRONT_SHEET if _approval(path) not in labelled)]


def _approval(path: str) -> str:
    """``document_control.approved.date`` → ``document_control.approved``: an approval's body and date are one row's worth."""
    return path.removesuffix(".body").removesuffix(".date")


def _rows(rows: list[tuple[str, str]]) -> str:
    return "".join(f"    - {{label: {json.dumps(label, ensure_ascii=False)}, field: {field}}}\n" for label, field in rows)


def _whole_numbers(found: Recognised) -> bool:
    """Every version the policy records (its document control and its history) is a whole number."""
    versions = [v for v in (found.document_control.get("version"), *(r["version"] for r in found.version_history)) if v]
    return bool(versions) and all(CONVENTIONS["whole"].problem(v, "approved") is None for v in versions)
