"""Free text where the source has it: an appendix the source gives no letter or number, beside a
lettered one, and closing notes (a copyright and licence notice) after the appendices, built in
every format."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from conftest import ACME_ORG, scratch_project
from pdf_text import needs_poppler, pdf_text
from policygen.cli import main

POLICY = """\
id: social-media
kind: social-media
document_control: {title: Social Media Policy}
review: {next_review: 2099-01-01}
sections:
  - id: rules
    title: Rules
    blocks:
      - {id: see, topics: [purpose], text: "See {ref:glossary} and {ref:forms}."}
appendices:
  - id: forms
    label: Appendix A
    title: Forms
    blocks:
      - {id: form, topics: [purpose], text: The form.}
  - id: glossary
    title: Glossary of terms
    blocks:
      - {id: terms, topics: [purpose], text: The terms.}
closing:
  - {id: copyright, topics: [purpose], text: "© Acme 2025. Licensed under *CC BY 4.0*; see {ref:glossary}."}
"""

CLOSING = "© Acme 2025. Licensed under CC BY 4.0; see Glossary of terms."


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = scratch_project(tmp_path_factory.mktemp("free"), ACME_ORG, POLICY)
    assert main(["--root", str(root), "build", "--quiet"]) == 0
    return root / "build" / "acme"


def test_html(built):
    html = (built / "social-media.html").read_text(encoding="utf-8")
    assert '<h2 id="h-glossary">Glossary of terms</h2>' in html
    assert '<h2 id="h-forms"><span class="num">Appendix A</span> Forms</h2>' in html
    assert 'See <a href="#glossary">Glossary of terms</a> and <a href="#forms">Appendix A</a>.' in html
    assert '<a href="#glossary">Glossary of terms</a></li>' in html  # in the contents, without a number
    assert "None" not in html
    closing = '<div class="closing">\n<div class="clause" id="copyright"><div class="body"><p>© Acme 2025. Licensed under <em>CC BY 4.0</em>; see <a href="#glossary">Glossary of terms</a>.</p>'
    assert closing in html and html.index("The terms.") < html.index(closing)
    assert '<a href="#copyright">' not in html  # not in the contents


@needs_poppler
def test_pdf(built):
    text = pdf_text(built / "social-media.pdf")
    assert "\nGlossary of terms\n" in text and "See Glossary of terms and Appendix A." in text
    assert "None" not in text
    assert text.index("The terms.") < text.index(CLOSING)


def test_docx(built):
    document = docx.Document(str(built / "social-media.docx"))
    paragraphs = [p.text for p in document.paragraphs]
    assert document.paragraphs[-1]._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:top')}") is not None  # set off by a rule
    assert "Glossary of terms" in paragraphs and "Appendix A \u2013 Forms" in paragraphs
    assert "1.1\tSee Glossary of terms and Appendix A." in paragraphs
    assert not any("None" in p for p in paragraphs)
    assert paragraphs[-2:] == ["The terms.", CLOSING]


def test_markdown(built):
    md = (built / "social-media.md").read_text(encoding="utf-8")
    assert "\n## Glossary of terms\n" in md and "\n## Appendix A Forms\n" in md
    assert "None" not in md
    assert md.endswith("The terms.\n\n© Acme 2025. Licensed under *CC BY 4.0*; see Glossary of terms.\n")


def test_compare_cites_it_by_its_title(built, capsys):
    root = built.parents[1]
    assert main(["--root", str(root), "compare", "social-media", "--topic", "purpose", "-f", "csv"]) == 0
    assert "1.1; Appendix A; Glossary of terms" in capsys.readouterr().out


def test_closing_the_house_style_leaves_out_is_a_warning(tmp_path, capsys):
    org = ACME_ORG + "style:\n  blocks: [title, sections, appendices]\n"
    root = scratch_project(tmp_path, org, POLICY)
    assert main(["--root", str(root), "validate"]) == 0
    assert "social-media.yaml:20: closing: warning: acme's style.blocks does not list 'closing', so no document shows these blocks" in capsys.readouterr().err


def test_diff_reports_a_changed_closing_note(tmp_path, capsys):
    """Closing notes are part of the document a diff and its redlines compare."""
    root = scratch_project(tmp_path, ACME_ORG, POLICY)
    git = ["git", "-C", str(root), "-c", "user.name=Policy Office", "-c", "user.email=po@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "v1"], check=True)
    policy = root / "organisations" / "acme" / "social-media.yaml"
    policy.write_text(POLICY.replace("© Acme 2025.", "© Acme 2026."), encoding="utf-8")
    assert main(["--root", str(root), "diff", "acme/social-media", "HEAD", "--format", "json"]) == 0
    changes = json.loads(capsys.readouterr().out)["changes"]
    assert [(c["id"], c["kind"]) for c in changes] == [("copyright", "reworded")]
    redline = next((root / "build").rglob("*redline*.html")).read_text(encoding="utf-8")
    assert "2026" in redline and "2025" in redline


def test_a_closing_notice_needs_no_topic(tmp_path, capsys):
    """A copyright or licence notice is about the document, so it is not asked for a topic; a body clause still is."""
    policy = POLICY.replace("{id: copyright, topics: [purpose], text:", "{id: copyright, text:").replace(
        "{id: form, topics: [purpose], text:", "{id: form, text:")
    root = scratch_project(tmp_path, ACME_ORG, policy)
    assert main(["--root", str(root), "validate"]) == 0
    err = capsys.readouterr().err
    assert "'form' has no topic" in err
    assert "'copyright' has no topic" not in err
