"""The standards mapping: clauses declare the standard clauses they implement
(`implements: [{standard: ID, clause: "7.5.3"}]`), and a generated table lists each standard
clause beside the policy clause that implements it, sorted by standard and then by clause in
natural order, linked to both in every format that links."""

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
  - id: control
    title: Document control
    blocks:
      - id: records
        topics: [purpose]
        text: Records are kept legible and retrievable.
        implements:
          - {standard: iso-13485, clause: "7.5.10"}
          - {standard: iso-13485, clause: "4.2.5"}
      - id: labels
        topics: [purpose]
        text: Every device is labelled.
        implements:
          - {standard: iso-13485, clause: "7.5.3"}
          - {standard: dspt, clause: "1.1.1"}
  - id: sources
    title: References
    blocks:
      - {id: references, include: references}
references:
  - {id: iso-13485, identifier: "ISO 13485:2016", title: Medical devices — Quality management systems}
  - {id: dspt, identifier: DSPT, title: Data Security and Protection Toolkit}
"""

# sorted by standard (DSPT before ISO), then clause in natural order (7.5.3 before 7.5.10)
ROWS = [
    ["DSPT", "1.1.1", "1.2", "1 Document control"],
    ["ISO 13485:2016", "4.2.5", "1.1", "1 Document control"],
    ["ISO 13485:2016", "7.5.3", "1.2", "1 Document control"],
    ["ISO 13485:2016", "7.5.10", "1.1", "1 Document control"],
]


def make(root: Path, policy: str = POLICY) -> Path:
    return scratch_project(root, ACME_ORG, policy)


@pytest.fixture(scope="module")
def mapped(tmp_path_factory) -> Path:
    root = make(tmp_path_factory.mktemp("mapping"))
    assert main(["--root", str(root), "build", "--quiet"]) == 0
    return root / "build" / "acme"


def test_html_rows_link_the_standard_and_the_clause(mapped):
    html = (mapped / "social-media.html").read_text(encoding="utf-8")
    table = html[html.index('<table class="standards-mapping">'):]
    assert "<caption>Standards mapping</caption>" in table
    rows = re.findall(r'<tr><td><a href="#([a-z0-9-]+)">([^<]*)</a></td><td>([^<]*)</td><td><a href="#([a-z0-9-]+)">([^<]*)</a></td><td>([^<]*)</td></tr>', table)
    assert [[r[1], r[2], r[4], r[5]] for r in rows] == ROWS
    assert [(r[0], r[3]) for r in rows][:2] == [("dspt", "labels"), ("iso-13485", "records")]
    # placed by no block of its own, it follows the references table
    assert html.index('<table class="references">') < html.index('<table class="standards-mapping">')


@needs_poppler
def test_pdf_prints_the_mapping(mapped):
    text = " ".join(pdf_text(mapped / "social-media.pdf").split())
    assert "Standards mapping" in text
    positions = [text.index(f"{s} {c} {n}") for s, c, n, _ in ROWS[1:]]
    assert positions == sorted(positions)
    last = PdfReader(mapped / "social-media.pdf").pages[-1]
    internal = [a.get_object() for a in last.get("/Annots") or [] if "/URI" not in a.get_object().get("/A", {})]
    assert len(internal) >= 2 * len(ROWS)  # each row links its standard and its policy clause


def test_docx_rows_link_to_bookmarks(mapped):
    path = mapped / "social-media.docx"
    table = docx.Document(str(path)).tables[-1]
    assert [[c.text for c in row.cells] for row in table.rows] == [["Standard", "Standard clause", "Policy clause", "Heading"], *ROWS]
    with zipfile.ZipFile(path) as z:
        body = z.read("word/document.xml").decode()
    mapping = body[body.rindex("<w:tbl>"):]
    assert 'w:anchor="s_labels"' in mapping and 'w:anchor="s_dspt"' in mapping
    assert 'w:name="s_labels"' in body and 'w:name="s_dspt"' in body
    text = subprocess.run(["policygen", "textconv", str(path)], capture_output=True, text=True, check=True).stdout
    assert "ISO 13485:2016 | 7.5.3 | 1.2 | 1 Document control" in text


def test_markdown_lists_the_mapping(mapped):
    md = (mapped / "social-media.md").read_text(encoding="utf-8")
    assert "| Standard | Standard clause | Policy clause | Heading |" in md
    assert "\n".join(f"| {' | '.join(r)} |" for r in ROWS) in md


def test_placed_where_a_block_includes_it(tmp_path):
    policy = POLICY.replace("      - {id: references, include: references}\n",
                            "      - {id: mapping, include: standards_mapping}\n      - {id: references, include: references}\n")
    root = make(tmp_path, policy)
    assert main(["--root", str(root), "build", "--quiet", "-f", "html"]) == 0
    html = (root / "build" / "acme" / "social-media.html").read_text(encoding="utf-8")
    assert html.count('<table class="standards-mapping">') == 1
    assert html.index('<div id="mapping"><table class="standards-mapping">') < html.index('<table class="references">')


@pytest.mark.parametrize("edit, message", [
    (("{standard: dspt,", "{standard: dsptt,"), "sections[0].blocks[1].implements[1].standard: 'dsptt' names no reference of this policy (did you mean 'dspt'?)"),
    (("{id: dspt, identifier", "{identifier"), "sections[0].blocks[1].implements[1].standard: 'dspt' names no reference of this policy: give the standard's entry in `references:` this `id`"),
    (("{standard: iso-13485, clause: \"7.5.3\"}", "{standard: iso-13485}"), "sections[0].blocks[1].implements[0].clause: required field is missing"),
])
def test_bad_mapping_is_one_located_line(tmp_path, capsys, edit, message):
    root = make(tmp_path, POLICY.replace(*edit))
    assert main(["--root", str(root), "build", "--quiet"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert any(re.fullmatch(rf"organisations/acme/social-media\.yaml:\d+: {re.escape(message)}", line) for line in err), err
    assert not (root / "build" / "acme").exists()


def test_a_mapping_no_block_shows_is_warned_about(tmp_path, capsys):
    policy = POLICY.replace("      - {id: references, include: references}\n", "      - {id: none, topics: [purpose], text: None.}\n")
    root = make(tmp_path, policy)
    assert main(["--root", str(root), "validate"]) == 0
    assert "no block places the standards mapping" in capsys.readouterr().err


def test_a_placed_mapping_with_no_rows_says_so(tmp_path):
    policy = re.sub(r"        implements:\n(          - .*\n)+", "", POLICY).replace(
        "      - {id: references, include: references}\n", "      - {id: mapping, include: standards_mapping}\n      - {id: references, include: references}\n")
    root = make(tmp_path, policy)
    assert main(["--root", str(root), "build", "--quiet", "-f", "html", "-f", "docx", "-f", "md"]) == 0
    out = root / "build" / "acme"
    said = "No clause of this policy names a standard clause it implements."
    assert f'<div id="mapping"><p>{said}</p>' in (out / "social-media.html").read_text(encoding="utf-8")
    assert said in (out / "social-media.md").read_text(encoding="utf-8")
    assert any(p.text == said for p in docx.Document(str(out / "social-media.docx")).paragraphs)
