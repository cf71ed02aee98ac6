"""References to a block of another policy ({ref:policy#id}, {ref:org/policy#id}): validated
against the library, printed with the other policy's title and number, linked in every format
that links, and rebuilt when the other policy's numbering changes."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from acme import SMALL_POLICY_HEAD
from conftest import ACME_ORG, scratch_project
from pdf_text import needs_poppler, pdf_text
from policygen.cli import main

POLICY = SMALL_POLICY_HEAD + """\
sections:
  - id: rules
    title: Rules
    blocks:
      - {id: share, topics: [purpose], text: "Share as {ref:information-governance#confidentiality} says ({num:information-governance#keep-secret})."}
      - {id: keep, topics: [purpose], text: "Keep records as {ref:beta/records#retention} says."}
"""

IG = """\
id: information-governance
document_control: {title: Information Governance Policy, version: "1.0", approved: {body: Board, date: 2025-05-01}}
review: {every: 3 years}
sections:
  - id: purpose
    title: Purpose
    blocks:
      - {id: why, topics: [purpose], text: Why.}
  - id: confidentiality
    title: Confidentiality
    blocks:
      - {id: keep-secret, topics: [purpose], text: Keep secrets.}
"""

BETA_ORG = ACME_ORG.replace("id: acme", "id: beta").replace("Acme Community Health", "Beta Mental Health")
RECORDS = IG.replace("id: information-governance", "id: records\nkind: records-management").replace("Information Governance Policy", "Records Policy").replace("confidentiality", "retention").replace("Confidentiality", "Retention")

IG_REF = "Information Governance Policy, 2 Confidentiality"
RECORDS_REF = "Records Policy, 2 Retention"


def make(root: Path) -> Path:
    scratch_project(root, ACME_ORG, POLICY)
    (root / "organisations" / "acme" / "information-governance.yaml").write_text(IG, encoding="utf-8")
    beta = root / "organisations" / "beta"
    beta.mkdir()
    (beta / "organisation.yaml").write_text(BETA_ORG, encoding="utf-8")
    (beta / "records.yaml").write_text(RECORDS, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = make(tmp_path_factory.mktemp("cross-policy"))
    assert main(["--root", str(root), "build", "--quiet"]) == 0
    return root / "build" / "acme"


def test_html(built):
    html = (built / "social-media.html").read_text(encoding="utf-8")
    assert f'<a href="information-governance.html#confidentiality">{IG_REF}</a>' in html
    assert '(<a href="information-governance.html#keep-secret">Information Governance Policy, 2.1</a>)' in html
    assert f'<a href="../beta/records.html#retention">{RECORDS_REF}</a>' in html
    # the targets are there to land on
    assert 'id="confidentiality"' in (built / "information-governance.html").read_text(encoding="utf-8")


@needs_poppler
def test_pdf(built):
    text = " ".join(pdf_text(built / "social-media.pdf").split())
    assert f"Share as {IG_REF} says (Information Governance Policy, 2.1)." in text
    assert f"Keep records as {RECORDS_REF} says." in text
    annotations = [a.get_object() for page in PdfReader(built / "social-media.pdf").pages for a in page.get("/Annots") or []]
    uris = {a["/A"]["/URI"] for a in annotations if "/A" in a}
    # relative, to the other policies' PDFs beside this one: never into the package or the machine
    assert uris == {"information-governance.pdf#confidentiality", "information-governance.pdf#keep-secret", "../beta/records.pdf#retention"}


def test_docx(built):
    paragraphs = [p.text for p in docx.Document(str(built / "social-media.docx")).paragraphs]
    assert any(f"Share as {IG_REF} says (Information Governance Policy, 2.1)." in p for p in paragraphs)
    assert any(f"Keep records as {RECORDS_REF} says." in p for p in paragraphs)
    with zipfile.ZipFile(built / "social-media.docx") as z:
        rels = z.read("word/_rels/document.xml.rels").decode()
        body = z.read("word/document.xml").decode()
    with zipfile.ZipFile(built / "information-governance.docx") as z:
        assert 'w:name="s_confidentiality"' in z.read("word/document.xml").decode()
    assert 'w:anchor="s_confidentiality"' in body  # the bookmark the other document gives the block
    assert re.search(r'Target="information-governance\.docx" TargetMode="External"', rels)
    assert re.search(r'Target="\.\./beta/records\.docx" TargetMode="External"', rels)


def test_markdown(built):
    md = (built / "social-media.md").read_text(encoding="utf-8")
    assert f"Share as {IG_REF} says (Information Governance Policy, 2.1)." in md
    assert f"Keep records as {RECORDS_REF} says." in md


@pytest.mark.parametrize("key, message", [
    ("information-governence#confidentiality",
     "names no policy 'information-governence' of acme (did you mean 'information-governance'?)"),
    ("information-governance#confidentality",
     "refers to no section, clause or appendix of acme/information-governance (did you mean 'confidentiality'?)"),
    ("betta/records#retention", "names no organisation 'betta' (did you mean 'beta'?)"),
])
def test_bad_reference(tmp_path, capsys, key, message):
    root = make(tmp_path)
    path = root / "organisations" / "acme" / "social-media.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("information-governance#confidentiality", key), encoding="utf-8")
    assert main(["--root", str(root), "build", "--quiet"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0] == f"organisations/acme/social-media.yaml:11: sections[0].blocks[0].text: {{ref:{key}}} {message}"
    assert err[1] == "1 error(s), 0 warning(s)"
    assert not (root / "build" / "acme" / "social-media.html").exists()


def test_renumbered_target_rebuilds_the_referrer(tmp_path):
    root = make(tmp_path)
    assert main(["--root", str(root), "build", "--quiet", "-f", "html"]) == 0
    ig = root / "organisations" / "acme" / "information-governance.yaml"
    ig.write_text(ig.read_text(encoding="utf-8").replace("sections:\n", "sections:\n  - {id: new, title: New, blocks: [{id: n, topics: [purpose], text: N.}]}\n"), encoding="utf-8")
    assert main(["--root", str(root), "build", "--quiet", "-f", "html"]) == 0
    html = (root / "build" / "acme" / "social-media.html").read_text(encoding="utf-8")
    assert "Information Governance Policy, 3 Confidentiality" in html


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), "-c", "user.name=Policy Office", "-c", "user.email=po@example.org", *args],
                   capture_output=True, check=True)


def test_comparison_page_prints_and_links_them_as_the_documents_do(tmp_path):
    root = make(tmp_path)
    beta_sm = POLICY.replace("{ref:information-governance#confidentiality}", "the rules").replace("{num:information-governance#keep-secret}", "all")
    (root / "organisations" / "beta" / "social-media.yaml").write_text(beta_sm.replace("{ref:beta/records#retention}", "{ref:records#retention}"), encoding="utf-8")
    assert main(["--root", str(root), "build", "--quiet", "-f", "html"]) == 0
    page = (root / "build" / "compare" / "social-media.html").read_text(encoding="utf-8")
    assert "{ref:" not in page and "{num:" not in page
    # from build/compare/, to the other policy's page beside the organisation's own
    assert f'<a href="../acme/information-governance.html#confidentiality">{IG_REF}</a>' in page
    assert f'<a href="../beta/records.html#retention">{RECORDS_REF}</a>' in page


def test_redline_prints_them_as_the_documents_did(tmp_path):
    root = make(tmp_path)
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "v1")
    policy = root / "organisations" / "acme" / "social-media.yaml"
    policy.write_text(policy.read_text(encoding="utf-8").replace("Share as", "Share only as"), encoding="utf-8")
    _git(root, "commit", "-qam", "v2")
    assert main(["--root", str(root), "diff", "acme/social-media", "HEAD~1", "HEAD"]) == 0
    [page] = (root / "build" / "acme").glob("social-media.redline.*.html")
    text = re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8"))
    assert "{ref:" not in text and "{num:" not in text
    assert f"as {IG_REF} says (Information Governance Policy, 2.1)." in " ".join(text.split())
    [redline] = (root / "build" / "acme").glob("social-media.redline.*.docx")
    assert IG_REF in "".join(p.text for p in docx.Document(str(redline)).paragraphs)
