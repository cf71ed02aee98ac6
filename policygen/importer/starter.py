"""The starter organisation.yaml an import writes for an organisation that has none yet.

Only what the model requires, marked for the user to replace, and a house style that shows
what an imported policy can hold (its preamble, version history, contents): nothing is
invented about the organisation beyond its id.
"""

from __future__ import annotations

import json


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
"""
