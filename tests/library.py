"""A library that is not the five shipped seeds: several organisations, several policies each.

Three made-up organisations (their text is written for these tests, not taken
from a real policy) hold policies of other kinds than social media, so the
tests see what a real library looks like:

- ``information-governance``: northfield and southbay (an id two organisations share);
- ``safeguarding-adults``: northfield and westmoor (another shared id, other organisations);
- ``records-management`` (southbay) and ``health-and-safety`` (westmoor): held by one only;
- block ids repeat across organisations (``purpose``, ``scope-staff``) and differ elsewhere.

Each policy declares its kind (``KINDS``) and carries topics of that kind, borrowed
ones (``confidentiality``, ``security`` in information governance) and shared ones.
A few clauses have no topic (one as an empty ``topics: []``), so the comparison has
something to suggest. The
shipped organisations can sit beside them (``write_library(copy_project(...))``).
"""

from __future__ import annotations

from pathlib import Path

ORGS = {
    "northfield": ("Northfield Community Health NHS Trust", "NCHT", "the trust", "nhs-trust"),
    "southbay": ("NHS Southbay Integrated Care Board", "Southbay ICB", "the ICB", "icb"),
    "westmoor": ("Westmoor Community Interest Company", "Westmoor", "Westmoor", "social-enterprise"),
}

ROLES = {
    "northfield": {"dpo": "Data Protection Officer", "siro": "Senior Information Risk Owner", "safeguarding-lead": "Named Nurse for Safeguarding Adults"},
    "southbay": {"dpo": "Data Protection Officer", "records-manager": "Head of Records"},
    "westmoor": {"safeguarding-lead": "Safeguarding Lead", "managers": "Service Managers"},
}

# policy id → its kind in vocabulary/topics.yaml
KINDS = {
    "information-governance": "information-governance",
    "safeguarding-adults": "safeguarding",
    "records-management": "records-management",
    "health-and-safety": "health-and-safety",
}

# policy id → (title, reference prefix, [(section id, title, [(block id, topics, text)])])
POLICIES: dict[str, dict[str, tuple[str, list]]] = {
    "northfield": {
        "information-governance": ("Information Governance Policy", [
            ("introduction", "Introduction", [
                ("purpose", ["purpose"], "This policy sets out how {org} handles the personal information of patients and staff lawfully, securely and confidentially."),
            ]),
            ("scope", "Scope", [
                ("scope-staff", ["scope"], "It applies to all staff, contractors and volunteers who handle information for {org}."),
            ]),
            ("duties", "Duties and responsibilities", [
                ("duties-dpo", ["responsibilities", "accountable-roles"], "The {role:dpo} advises on data protection law and monitors compliance with this policy."),
                ("duties-siro", ["responsibilities", "information-risk"], "The {role:siro} owns information risk and reports it to the Board."),
            ]),
            ("confidentiality", "Confidentiality", [
                ("confidential-records", ["confidentiality", "patient-information"], "Staff must keep patient records confidential and share them only with those who need them to provide care."),
                ("confidential-breaches", None, "Any loss or disclosure of personal information must be reported at once as an information governance incident; see {ref:duties}."),
            ]),
            ("training", "Training", [
                ("training-annual", ["training"], "All staff complete data security awareness training every year."),
            ]),
        ]),
        "safeguarding-adults": ("Safeguarding Adults Policy", [
            ("introduction", "Introduction", [
                ("purpose", ["purpose", "safeguarding-adults"], "This policy explains how {org} protects adults at risk of abuse or neglect."),
            ]),
            ("scope", "Scope", [
                ("scope-staff", ["scope"], "It applies to everyone who works for {org}, paid or unpaid."),
            ]),
            ("reporting", "Raising a concern", [
                ("reporting-concern", ["making-referrals"], "Anyone who suspects that an adult is being abused must tell the {role:safeguarding-lead} the same day."),
                ("reporting-records", None, "Write down what was seen or said, in the person's own words, and keep the record confidential."),
            ]),
            ("training", "Training", [
                ("training-staff", [], "New staff complete safeguarding training during their induction."),
            ]),
        ]),
    },
    "southbay": {
        "information-governance": ("Information Governance and Data Security Policy", [
            ("purpose-section", "Purpose", [
                ("purpose", ["purpose"], "{org} uses personal data only as the law allows and keeps it secure."),
            ]),
            ("who", "Who this policy applies to", [
                ("scope-staff", ["scope"], "This policy applies to all employees, members of the Board and anyone working on behalf of {org}."),
            ]),
            ("roles", "Roles", [
                ("roles-dpo", ["accountable-roles"], "The {role:dpo} is the first point of contact for the Information Commissioner's Office."),
            ]),
            ("security", "Keeping information secure", [
                ("security-passwords", ["security"], "Passwords must not be shared, and laptops must be encrypted."),
                ("security-incidents", None, "Report any loss or disclosure of personal information immediately as an information governance incident."),
            ]),
        ]),
        "records-management": ("Records Management Policy", [
            ("purpose-section", "Purpose", [
                ("purpose", ["purpose", "retention-schedule"], "Records are kept for as long as the retention schedule says, then destroyed securely."),
            ]),
            ("roles", "Roles", [
                ("roles-records", ["responsibilities"], "The {role:records-manager} keeps the retention schedule up to date."),
            ]),
        ]),
    },
    "westmoor": {
        "safeguarding-adults": ("Adult Safeguarding Policy", [
            ("aims", "Aims", [
                ("purpose", ["purpose", "safeguarding-adults"], "{org} is committed to keeping the adults who use its services safe from harm."),
            ]),
            ("concerns", "What to do if you are worried", [
                ("concerns-tell", ["making-referrals"], "Tell the {role:safeguarding-lead} about any suspicion of abuse on the day it arises."),
            ]),
            ("training", "Training", [
                ("training-induction", ["training"], "{role:managers} make sure that new staff complete safeguarding training during induction."),
            ]),
        ]),
        "health-and-safety": ("Health and Safety Policy", [
            ("aims", "Aims", [
                ("purpose", ["purpose"], "{org} provides a safe place to work and to receive care."),
            ]),
            ("risk", "Risk assessment", [
                ("risk-assess", None, "{role:managers} assess the risks of each service every year and record the controls."),
            ]),
        ]),
    },
}


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def organisation_yaml(org: str) -> str:
    name, short, referred, kind = ORGS[org]
    lines = [
        "# yaml-language-server: $schema=../../schema/organisation.schema.json",
        f"id: {org}", f"name: {name}", f"short_name: {short}", f"referred_to_as: {referred}", f"type: {kind}",
        "roles:",
    ]
    for key, title in ROLES[org].items():
        lines += [f"  {key}:", f"    title: {title}"]
    return "\n".join(lines) + "\n"


def policy_yaml(org: str, policy: str) -> str:
    title, sections = POLICIES[org][policy]
    lines = [
        "# yaml-language-server: $schema=../../schema/policy.schema.json",
        f"id: {policy}",
        f"kind: {KINDS[policy]}",
        "document_control:",
        f"  title: {title}",
        f"  reference: {org[:2].upper()}-{policy[:3].upper()}-01",
        '  version: "1.0"',
        "  approved:",
        "    body: Policy Committee",
        "    date: 2025-01-15",
        "  issued: 2025-02-01",
        "review:",
        "  every: 3 years",
        "version_history:",
        '  - version: "1.0"',
        "    date: 2025-02-01",
        "    description: New policy",
        "sections:",
    ]
    for sid, stitle, blocks in sections:
        lines += [f"  - id: {sid}", f"    title: {stitle}", "    blocks:"]
        for bid, topics, text in blocks:
            lines += [f"      - id: {bid}"]
            if topics is not None:  # None: no topics key; []: `topics: []`
                lines += [f"        topics: [{', '.join(topics)}]"]
            lines += [f"        text: {_quote(text)}"]
    return "\n".join(lines) + "\n"


def write_library(root: Path) -> Path:
    """Add the three organisations to the project at ``root`` (which has templates and vocabulary)."""
    for org, policies in POLICIES.items():
        folder = root / "organisations" / org
        folder.mkdir(parents=True)
        (folder / "organisation.yaml").write_text(organisation_yaml(org), encoding="utf-8")
        for policy in policies:
            (folder / f"{policy}.yaml").write_text(policy_yaml(org, policy), encoding="utf-8")
    return root


def held_by() -> dict[str, list[str]]:
    """Each policy id of the library with the organisations holding it."""
    out: dict[str, list[str]] = {}
    for org, policies in POLICIES.items():
        for policy in policies:
            out.setdefault(policy, []).append(org)
    return out
