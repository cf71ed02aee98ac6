"""Statement identifiers: generated from the policy's pattern or declared per clause, printed
beside the clause in every format, cited by {ref:}, and unique within the policy."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from conftest import ACME_ORG, scratch_project
from pdf_text import needs_poppler, pdf_text
from policygen.cli import main

POLICY = """\
id: social-media
kind: social-media
identifiers: {pattern: "POL.ABC.{n:03}"}
document_control: {title: Social Media Policy}
review: {next_review: 2099-01-01}
preamble:
  - {id: first-note, topics: [purpose], text: Read this first.}
sections:
  - id: rules
    title: Rules
    blocks:
      - {id: be-polite, topics: [purpose], text: "Be polite, and see {ref:be-accurate} ({num:be-accurate})."}
      - {id: be-accurate, topics: [purpose], identifier: "REQ_12*", text: Be accurate.}
      - {id: aside, topics: [purpose], numbered: false, text: An aside.}
      - {id: be-kind, topics: [purpose], text: Be kind.}
closing:
  - {id: licence, text: Free to copy.}
"""

# (clause text, number, identifier): a declared identifier takes its place in the count; the
# preamble, an unnumbered aside and the closing notice take none.
CLAUSES = [("Be polite", "1.1", "POL.ABC.001"), ("Be accurate.", "1.2", "REQ_12*"), ("Be kind.", "1.3", "POL.ABC.003")]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = scratch_project(tmp_path_factory.mktemp("identifiers"), ACME_ORG, POLICY)
    assert main(["--root", str(root), "build", "--quiet"]) == 0
    return root / "build" / "acme"


def test_html(built):
    html = (built / "social-media.html").read_text(encoding="utf-8")
    for text, number, identifier in CLAUSES:
        assert f'<span class="num">{number}</span><div class="body"><p class="identifier">{identifier}</p><p>{text}' in html
    assert html.count('class="identifier"') == 3
    assert '<a href="#be-accurate">REQ_12*</a> (<a href="#be-accurate">1.2</a>)' in html


@needs_poppler
def test_pdf(built):
    text = pdf_text(built / "social-media.pdf")
    for clause, number, identifier in CLAUSES:
        assert f"{number}\n\n{identifier}\n{clause}" in text
    assert "see REQ_12* (1.2)" in text


def test_docx(built):
    paragraphs = [p.text for p in docx.Document(str(built / "social-media.docx")).paragraphs]
    for clause, number, identifier in CLAUSES:
        i = paragraphs.index(f"{number}\t{identifier}")
        assert paragraphs[i + 1].startswith(clause)
    assert "An aside." in paragraphs
    assert any("see REQ_12* (1.2)" in p for p in paragraphs)


def test_markdown(built):
    md = (built / "social-media.md").read_text(encoding="utf-8")
    assert "1.1 **POL.ABC.001** Be polite, and see REQ_12* (1.2)." in md
    assert "1.2 **REQ\\_12\\*** Be accurate." in md
    assert "1.3 **POL.ABC.003** Be kind." in md
    assert "\nAn aside.\n" in md


@pytest.mark.parametrize("change, message", [
    (('text: Be kind.}', 'identifier: POL.ABC.001, text: Be kind.}'),
     "social-media.yaml:15: sections[0].blocks[3].identifier: duplicate identifier 'POL.ABC.001' (clause 'be-polite' has it); identifiers are unique within a policy"),
    (('{n:03}', '{m}'), "social-media.yaml:3: identifiers.pattern: "),
])
def test_bad_identifiers(tmp_path, capsys, change, message):
    root = scratch_project(tmp_path, ACME_ORG, POLICY.replace(*change))
    assert main(["--root", str(root), "build", "--quiet"]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not (root / "build" / "acme").exists()


def test_compare_lists_identifiers_beside_numbers(tmp_path, capsys):
    """In the terminal matrix and on the comparison page (which needs a second organisation)."""
    root = scratch_project(tmp_path, ACME_ORG, POLICY)
    beta = root / "organisations" / "beta"
    beta.mkdir()
    (beta / "organisation.yaml").write_text(ACME_ORG.replace("id: acme", "id: beta").replace("ACHT", "BETA"), encoding="utf-8")
    (beta / "social-media.yaml").write_text(POLICY.replace('identifiers: {pattern: "POL.ABC.{n:03}"}\n', ""), encoding="utf-8")
    assert main(["--root", str(root), "compare", "social-media", "--topic", "purpose", "-f", "csv"]) == 0
    out = capsys.readouterr().out
    # beta has no pattern: only its declared identifier
    assert ",Front matter; 1.1 POL.ABC.001; 1.2 REQ_12*; 1; 1.3 POL.ABC.003,Front matter; 1.1; 1.2 REQ_12*; 1; 1.3,2" in out
    page = (root / "build" / "compare" / "social-media.html").read_text(encoding="utf-8")
    assert "1.2 REQ_12*" in page and "1.3 POL.ABC.003" in page
