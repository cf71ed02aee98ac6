"""Document control that fits any organisation.

An organisation says what it requires of each policy (`requires`: an EIA, a review date, some
document control fields) and whether blank front-sheet rows print; a policy adds labelled rows no
typed field holds (`document_control.extra`). One small project, a body that is not an NHS body
with one full and one bare policy, is built in every format and read back from each.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from conftest import ACME_ORG, scratch_project
from pdf_text import needs_poppler, pdf_text
from policygen.cli import main
from policygen.model.organisation import DocumentControlField
from policygen.model.policy import DocumentControl

ORG = """\
id: acme
name: Acme Open Source Foundation
short_name: AOSF
referred_to_as: the foundation
type: other
requires:
  eia: false
  review_date: false
  document_control: [reference, owner]
style:
  blocks: [title, front_sheet, sections]
  front_sheet_empty_rows: hide
"""

POLICY = """\
id: social-media
kind: social-media
document_control:
  title: Social Media Policy
  version: "1.0"
  owner: {title: Communications}
  extra:
    - {label: SOP version, value: "SOP-7 v3"}
    - {label: Licence, value: "CC BY 4.0 <b>not bold</b>"}
sections:
  - id: purpose
    title: Purpose
    blocks:
      - {id: why, topics: [purpose], text: Why we post.}
"""

BARE = """\
id: bare
document_control:
  title: Bare Notice
sections:
  - id: notice
    title: Notice
    blocks:
      - {id: words, topics: [purpose], text: Nothing else is recorded.}
kind: quality
"""

# Rows the default front sheet has a value for, then the policy's own; the blank ones
# (reference, author, approval, next review) are hidden.
ROWS = [("Version", "1.0"), ("SOP version", "SOP-7 v3"), ("Licence", "CC BY 4.0 <b>not bold</b>")]
HIDDEN = ["Reference", "Author", "Approved by", "Date approved", "Next review date"]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = scratch_project(tmp_path_factory.mktemp("doccontrol"), ORG, POLICY)
    (root / "organisations" / "acme" / "bare.yaml").write_text(BARE, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def built(project) -> Path:
    assert main(["--root", str(project), "build", "--quiet"]) == 0
    return project / "build" / "acme"


def test_requirements_are_the_organisations(project, capsys):
    """No EIA or review date is asked of a body that switched them off; a required field is."""
    assert main(["--root", str(project), "validate", "acme"]) == 0
    err = capsys.readouterr().err
    assert "Equality Impact Assessment" not in err and "review date" not in err
    assert "social-media.yaml:3: document_control: warning: no reference is recorded (the organisation's requires.document_control)" in err
    assert "social-media.yaml:3: document_control: warning: no owner" not in err
    assert "bare.yaml:2: document_control: warning: no owner is recorded" in err


def test_nhs_defaults_still_warn(tmp_path, capsys):
    """An organisation that says nothing keeps the NHS defaults: no EIA and no review date are warned about."""
    root = scratch_project(tmp_path, ACME_ORG, BARE.replace("id: bare", "id: social-media"))
    assert main(["--root", str(root), "validate"]) == 0
    err = capsys.readouterr().err
    assert "warning: no Equality Impact Assessment is recorded (the organisation's requires.eia)" in err
    assert "review: warning: no next review date is recorded or derivable (the organisation's requires.review_date)" in err
    assert "document_control: warning" not in err


def test_required_fields_are_document_control_fields():
    assert set(DocumentControlField.__args__) <= set(DocumentControl.model_fields) - {"title", "extra"}


def test_html_front_sheet(built):
    html = (built / "social-media.html").read_text(encoding="utf-8")
    for label, value in ROWS:
        escaped = value.replace("<", "&lt;").replace(">", "&gt;")
        assert f'<th scope="row">{label}</th><td>{escaped}</td>' in html
    assert "<b>not bold</b>" not in html
    for label in HIDDEN:
        assert f'<th scope="row">{label}</th>' not in html
    bare = (built / "bare.html").read_text(encoding="utf-8")
    assert '<th scope="row">' not in bare and "Bare Notice" in bare


@needs_poppler
def test_pdf_front_sheet(built):
    text = pdf_text(built / "social-media.pdf")
    for label, value in ROWS:
        assert label in text and value in text
    for label in HIDDEN:
        assert label not in text
    bare = pdf_text(built / "bare.pdf")
    assert "Bare Notice" in bare and "Version" not in bare


def test_docx_front_sheet(built):
    document = docx.Document(str(built / "social-media.docx"))
    rows = [tuple(c.text for c in row.cells) for row in document.tables[0].rows]
    assert rows == ROWS
    assert not docx.Document(str(built / "bare.docx")).tables


def test_markdown_front_sheet(built):
    md = (built / "social-media.md").read_text(encoding="utf-8")
    for label, value in ROWS[:2]:
        assert f"| {label} | {value} |" in md
    assert "| Licence | CC BY 4.0 \\<b>not bold\\</b> |" in md
    assert "| Reference |" not in md
    assert "|" not in (built / "bare.md").read_text(encoding="utf-8")


def test_new_scaffolds_what_the_organisation_requires(tmp_path, capsys):
    """No EIA is scaffolded for a body that does not require one; the commented `extra` example
    validates and prints once uncommented."""
    root = scratch_project(tmp_path, ORG, POLICY)
    assert main(["--root", str(root), "new", "acme/records-management"]) == 0
    path = root / "organisations" / "acme" / "records-management.yaml"
    text = path.read_text(encoding="utf-8")
    assert "eia" not in text
    path.write_text(text.replace("  # extra:", "  extra:").replace("  #   - {label", "    - {label"), encoding="utf-8")
    capsys.readouterr()
    assert main(["--root", str(root), "validate", "acme/records-management"]) == 0
    assert "0 error(s)" in capsys.readouterr().err
    assert main(["--root", str(root), "build", "acme/records-management", "-f", "md", "--quiet"]) == 0
    assert "| Classification | Official |" in (root / "build" / "acme" / "records-management.md").read_text(encoding="utf-8")
