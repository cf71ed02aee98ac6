"""Structured citations: references with an id and identifier, cited from clause text with
{cite:ID}, printed as the identifier (else the title) and linked to the reference's row of the
references table in every format; the table lists every reference with its web address."""

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
from policygen.compare.plain import plain_text
from policygen.project import Project
from policygen.resolve import build_view
from policygen.resolve.text import resolve_plain
from policygen.validate.checked import load_and_check

DPA_URL = "https://www.legislation.gov.uk/ukpga/2018/12/contents"
POLICY = SMALL_POLICY_HEAD + f"""\
sections:
  - id: rules
    title: Rules
    blocks:
      - {{id: lawful, topics: [purpose], text: "We process personal data as {{cite:dpa}} and {{cite:code}} require."}}
      - {{id: shown, topics: [purpose], text: "See {{cite:dpa|the Act}}."}}
  - id: sources
    title: References
    blocks:
      - {{id: references, include: references}}
references:
  - {{id: dpa, identifier: "2018 c. 12", title: Data Protection Act 2018, url: "{DPA_URL}"}}
  - {{id: code, title: Records Management Code of Practice}}
  - {{title: NHS Constitution for England, url: "https://www.gov.uk/government/publications/the-nhs-constitution-for-england"}}
"""

CITED = "We process personal data as 2018 c. 12 and Records Management Code of Practice require."


def make(root: Path, policy: str = POLICY) -> Path:
    return scratch_project(root, ACME_ORG, policy)


@pytest.fixture(scope="module")
def cited(tmp_path_factory) -> Path:
    root = make(tmp_path_factory.mktemp("citations"))
    assert main(["--root", str(root), "build", "--quiet"]) == 0
    return root / "build" / "acme"


def test_html_links_citations_to_the_references_table(cited):
    html = (cited / "social-media.html").read_text(encoding="utf-8")
    assert '<a href="#dpa">2018 c. 12</a> and <a href="#code">Records Management Code of Practice</a> require.' in html
    assert 'See <a href="#dpa">the Act</a>.' in html
    assert '<th scope="col">Identifier</th><th scope="col">Title</th><th scope="col">Web address</th>' in html
    assert f'<tr id="dpa"><td>2018 c. 12</td><td>Data Protection Act 2018</td><td><a class="url" href="{DPA_URL}">{DPA_URL}</a></td></tr>' in html
    assert '<tr id="code"><td></td><td>Records Management Code of Practice</td><td></td></tr>' in html
    assert "<tr><td></td><td>NHS Constitution for England</td>" in html  # a plain reference: listed, not citable


@needs_poppler
def test_pdf_prints_the_citation_and_the_address(cited):
    pdf = cited / "social-media.pdf"
    text = " ".join(pdf_text(pdf).split())
    assert CITED in text
    assert all(words in text for words in ("Identifier", "Web address", "Data Protection Act 2018", "NHS Constitution for England"))
    assert DPA_URL in "".join(text.split())  # printed (wrapped in its column), for a reader of the paper copy
    links = [a.get_object() for page in PdfReader(pdf).pages for a in page.get("/Annots") or []]
    assert DPA_URL in {a["/A"].get("/URI") for a in links if "/A" in a}
    assert any("/Dest" in a or ("/A" in a and a["/A"].get("/S") == "/GoTo") for a in links)  # the citation, inside the document


def test_docx_links_citations_to_bookmarks_in_the_table(cited):
    path = cited / "social-media.docx"
    assert any(CITED in p.text for p in docx.Document(str(path)).paragraphs)
    with zipfile.ZipFile(path) as z:
        body = z.read("word/document.xml").decode()
        rels = z.read("word/_rels/document.xml.rels").decode()
    assert 'w:anchor="s_dpa"' in body and 'w:anchor="s_code"' in body
    # the bookmarks sit in the table's rows
    table = body[body.index("<w:tbl>", body.index("Web address") - 2000):]
    assert 'w:name="s_dpa"' in table and 'w:name="s_code"' in table
    assert f'Target="{DPA_URL}" TargetMode="External"' in rels
    text = subprocess.run(["policygen", "textconv", str(path)], capture_output=True, text=True, check=True).stdout
    assert CITED in text
    assert f"2018 c. 12 | Data Protection Act 2018 | {DPA_URL}" in text


def test_markdown_links_the_citation_to_the_address(cited):
    md = (cited / "social-media.md").read_text(encoding="utf-8")
    assert f"as [2018 c. 12](<{DPA_URL}>) and Records Management Code of Practice require." in md
    assert "| Identifier | Title | Web address |" in md
    assert f"| 2018 c. 12 | Data Protection Act 2018 | <{DPA_URL}> |" in md


def test_a_plain_list_of_references_has_one_column(tmp_path):
    policy = re.sub(r"(?s)references:\n.*", "references:\n  - {title: NHS Constitution for England}\n", POLICY)
    policy = policy.replace("{cite:dpa}", "the Act").replace("{cite:code}", "the Code").replace("{cite:dpa|the Act}", "it")
    root = make(tmp_path, policy)
    assert main(["--root", str(root), "build", "--quiet", "-f", "html"]) == 0
    html = (root / "build" / "acme" / "social-media.html").read_text(encoding="utf-8")
    assert '<thead><tr><th scope="col">Title</th></tr></thead>' in html


@pytest.mark.parametrize("edit, message", [
    (("{cite:code}", "{cite:cod}"), "{cite:cod} names no reference of this policy (did you mean 'code'?)"),
    (("id: code, ", ""), "{cite:code} names no reference of this policy"),
    (("{id: references, include: references}", "{id: lawful-too, topics: [purpose], text: Also.}"),
     "{cite:dpa} links to the references table, which no block places"),
    (("id: code, ", "id: lawful, "), "references[1].id: duplicate id 'lawful' (first used at line"),
    (("url: \"https", "url: \"file"), "references[0].url: 'file://www.legislation.gov.uk/ukpga/2018/12/contents' is not a web address"),
])
def test_bad_citations_are_one_located_line(tmp_path, capsys, edit, message):
    root = make(tmp_path, POLICY.replace(*edit))
    assert main(["--root", str(root), "build", "--quiet"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert any(message in line and re.match(r"organisations/acme/social-media\.yaml:\d+: ", line) for line in err), err
    assert "Traceback" not in "\n".join(err)
    assert not (root / "build" / "acme" / "social-media.html").exists()


def test_comparison_and_diff_text_print_the_citation(tmp_path):
    """The plain text the comparison scores and the diff redlines show: the same words."""
    root = make(tmp_path)
    [doc] = load_and_check(Project(root), None).documents
    view = build_view(doc.org.model, doc.model)
    source = doc.model.sections[0].blocks[0].text
    assert plain_text(source, view.refs) == CITED
    assert resolve_plain(source, view.refs) == CITED


def test_shipped_example_cites_the_acts_its_source_links(built):
    """SWL CCG's source links the two Acts (the links lost their addresses): they are its references."""
    html = (built / "build" / "swlccg" / "social-media.html").read_text(encoding="utf-8")
    assert 'as determined by the <a href="#defamation-act-2013">Defamation Act 2013</a>, or could' in html
    assert 'the <a href="#public-order-act-1986">Public Order Act 1986</a>' in html
    assert '<tr id="public-order-act-1986"><td>Public Order Act 1986</td></tr>' in html
