"""A tmp project with a model body, its model policy and two organisations adopting it.

``model-nhs`` publishes a social media model policy (version 2.0: two sections, six clauses,
two params, a role its text names); ``northfield`` adopts it unchanged but for the one param
it must set; ``southbay`` sets both params, replaces a clause, replaces another with the
model's own words, removes one with its reason and adds one after a model clause. The text
is written for these tests, not taken from a published policy.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT

MODEL_ORG = """\
id: model-nhs
name: Model NHS Policies
short_name: MNP
referred_to_as: the organisation
type: other
model: true
roles:
  comms: {title: Communications Lead}
"""

MODEL = """\
id: social-media
kind: social-media
document_control:
  title: Model Social Media Policy
  version: "2.0"
  approved: {body: Model Policy Board, date: 2025-01-15}
review: {every: 3 years}
params:
  complaints-team: {description: The team that answers concerns about posts, placeholder: team name}
  response-days: {description: Working days to reply to a concern, default: "10"}
sections:
  - id: intro
    title: Introduction
    blocks:
      - {id: purpose, topics: [purpose], text: "This policy sets out how {org} uses social media."}
      - {id: scope, topics: [scope], text: "It applies to all staff of {org}."}
      - {id: duties, topics: [responsibilities], text: "The {role:comms} runs the official accounts."}
  - id: using
    title: Using social media
    blocks:
      - {id: personal, topics: [purpose], text: "Staff must not share confidential information online."}
      - {id: concerns, topics: [monitoring], text: "Concerns go to the {param:complaints-team}, who reply within {param:response-days} working days."}
      - {id: policy-review, topics: [review], text: "The {role:comms} reviews this policy every three years."}
"""

ORGS = {
    "northfield": ("Northfield Community Health NHS Trust", "NCHT", "the trust", "nhs-trust", "Communications Team"),
    "southbay": ("NHS Southbay Integrated Care Board", "Southbay ICB", "the ICB", "icb", "Head of Communications"),
}


def organisation_yaml(org: str) -> str:
    name, short, referred, kind, comms = ORGS[org]
    return f"id: {org}\nname: {name}\nshort_name: {short}\nreferred_to_as: {referred}\ntype: {kind}\nroles:\n  comms: {{title: {comms}}}\n"


def adopter_head(title: str, reference: str) -> str:
    return f"""\
id: social-media
document_control:
  title: {title}
  reference: {reference}
  version: "1.0"
  approved: {{body: Policy Group, date: 2025-03-01}}
review: {{every: 3 years}}
"""


NORTHFIELD = adopter_head("Northfield Social Media Policy", "NCHT-SM-1") + """\
adopts:
  policy: model-nhs/social-media
  version: "2.0"
  params:
    complaints-team: Patient Advice and Liaison Service
"""

SOUTHBAY = adopter_head("Southbay Social Media Policy", "SICB-SM-1") + """\
adopts:
  policy: model-nhs/social-media
  version: "2.0"
  params:
    complaints-team: Patient Experience Team
    response-days: "5"
  replace:
    personal: Staff must not post anything that could identify a patient.
    scope: "It applies to all staff of {org}."
  remove:
    policy-review: The ICB's policy group reviews every policy on its own cycle.
  add:
    - after: duties
      blocks:
        - {id: managers, topics: [responsibilities], text: "Managers make sure their staff have read this policy."}
"""

FILES = {
    "model-nhs": (MODEL_ORG, MODEL),
    "northfield": (organisation_yaml("northfield"), NORTHFIELD),
    "southbay": (organisation_yaml("southbay"), SOUTHBAY),
}


def write_models(root: Path) -> Path:
    """The three organisations, each with its social-media.yaml, and the shipped templates and vocabulary."""
    for name in ("templates", "vocabulary"):
        shutil.copytree(ROOT / name, root / name)
    for org, (org_yaml, policy_yaml) in FILES.items():
        folder = root / "organisations" / org
        folder.mkdir(parents=True)
        (folder / "organisation.yaml").write_text(org_yaml, encoding="utf-8")
        (folder / "social-media.yaml").write_text(policy_yaml, encoding="utf-8")
    return root


EASTVALE_ORG = "id: eastvale\nname: Eastvale Hospice\nshort_name: Eastvale\nreferred_to_as: the hospice\ntype: other\n"

EASTVALE = """\
id: social-media
document_control:
  title: Eastvale Social Media Policy
  version: "3.1"
  approved: {body: Board of Trustees, date: 2024-11-20}
review: {every: 2 years}
sections:
  - id: about
    title: About this policy
    blocks:
      - {id: scope, topics: [scope], text: "This policy applies to staff and volunteers of the hospice."}
      - {id: review, topics: [review], text: "The trustees review this policy every two years."}
"""


def write_with_local(root: Path) -> Path:
    """The models project and a fourth organisation whose social media policy adopts no model."""
    write_models(root)
    folder = root / "organisations" / "eastvale"
    folder.mkdir(parents=True)
    (folder / "organisation.yaml").write_text(EASTVALE_ORG, encoding="utf-8")
    (folder / "social-media.yaml").write_text(EASTVALE, encoding="utf-8")
    return root
