"""Word policies policygen did not write (tests/importer/corpus): each is what its README says
(typed numbers, a Word multilevel list, unnumbered headings), and each imports, validates and
rebuilds in HTML, PDF, DOCX and Markdown with its sentences and its section tree."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import docx
import pytest

from conftest import ROOT
from docx_xml import _part, xml_text
from fidelity import html_text, link_text, sentences, words
from pdf_text import pdf_text
from policygen.cli import main

CORPUS = Path(__file__).resolve().parent / "corpus"
NAMES = ("eput-social-media", "lchs-social-media", "cpss-social-media")


def top_headings(name: str):
    document = docx.Document(CORPUS / f"{name}.docx")
    for para in document.paragraphs:
        if para.style.name == "Heading 1":
            numbered = para._p.pPr is not None and para._p.pPr.numPr is not None
            yield para.text, numbered


@pytest.mark.parametrize("name", NAMES)
def test_each_document_has_the_section_tree_its_json_records(name):
    tree = json.loads((CORPUS / f"{name}.tree.json").read_text(encoding="utf-8"))
    headings = list(top_headings(name))
    assert len(headings) == len(tree) >= 6
    for (text, numbered), expected in zip(headings, tree):
        if name == "lchs-social-media":
            # Word generates the number: the heading text has none, its paragraph is in the list
            assert (text, numbered) == (expected["title"], expected["number"] is not None)
        else:
            # typed (EPUT) or absent (CPSS): the number is in the text or nowhere
            assert text == " ".join(filter(None, (expected["number"], expected["title"])))
            assert not numbered


def test_lchs_numbering_is_a_word_multilevel_list():
    document = docx.Document(CORPUS / "lchs-social-media.docx")
    xml = document.part.numbering_part.element.xml
    assert 'w:lvlText w:val="%1"' in xml and 'w:lvlText w:val="%1.%2"' in xml
    clauses = [p for p in document.paragraphs if p.style.name != "Heading 1" and p._p.pPr is not None and p._p.pPr.numPr is not None and p._p.pPr.numPr.ilvl.val == 1]
    assert clauses[0].text.startswith("Lincolnshire Community Health Services NHS Trust (the trust / LCHS)")


def test_the_corpus_is_small():
    assert all((CORPUS / f"{n}.docx").stat().st_size < 40_000 for n in NAMES)


# -- imported, validated and rebuilt ----------------------------------------------------------

COVERAGE = 0.98
# Sheets policygen generates in every document: not sections of the policy, so not in its tree.
GENERATED = {"contents", "version control sheet"}


def corpus_sentences(name: str) -> list[str]:
    """Every sentence of the corpus document as Word shows it: its paragraphs and table cells."""
    document = docx.Document(CORPUS / f"{name}.docx")
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return [s for text in (*(p.text for p in document.paragraphs), *cells) for s in sentences(text)]


def coverage(name: str, text: str) -> tuple[float, list[str]]:
    wanted = corpus_sentences(name)
    haystack = " " + " ".join(words(text)) + " "
    missing = [s for s in wanted if " " + " ".join(words(s)) + " " not in haystack]
    return 1 - len(missing) / len(wanted), missing


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """The three corpus documents imported into a fresh project (one organisation each) and built."""
    root = tmp_path_factory.mktemp("corpus")
    for folder in ("templates", "vocabulary", "schema"):
        shutil.copytree(ROOT / folder, root / folder)
    (root / "organisations").mkdir()
    reports = {}
    for name in NAMES:
        org = name.split("-")[0]
        code = main(["--root", str(root), "import", str(CORPUS / f"{name}.docx"), "--org", org, "--id", "social-media"])
        reports[name] = code
    built = main(["--root", str(root), "build", "-f", "html", "-f", "pdf", "-f", "docx", "-f", "md", "--quiet"])
    return root, reports, built


@pytest.mark.parametrize("name", NAMES)
def test_each_corpus_policy_imports_and_validates(imported, name):
    root, reports, built = imported
    assert reports[name] == 0 and built == 0
    org = name.split("-")[0]
    assert main(["--root", str(root), "validate", f"{org}/social-media"]) == 0


@pytest.mark.parametrize("name", NAMES)
def test_each_corpus_policy_rebuilds_with_its_sentences_in_every_format(imported, name):
    root, _, _ = imported
    out = root / "build" / name.split("-")[0] / "social-media"
    texts = {
        "html": html_text(out.with_suffix(".html").read_text(encoding="utf-8")),
        "docx": xml_text(_part(out.with_suffix(".docx"), "word/document.xml")),
        "md": link_text(out.with_suffix(".md").read_text(encoding="utf-8")),
    }
    if shutil.which("pdftotext"):
        texts["pdf"] = pdf_text(out.with_suffix(".pdf"))
    for fmt, text in texts.items():
        share, missing = coverage(name, text)
        assert share >= COVERAGE, (fmt, f"{share:.1%}", missing)


@pytest.mark.parametrize("name", NAMES)
def test_each_corpus_policy_rebuilds_with_its_section_tree(imported, name):
    """The rebuilt document's top-level sections, numbers as printed, are the source's."""
    root, _, _ = imported
    tree = json.loads((CORPUS / f"{name}.tree.json").read_text(encoding="utf-8"))
    expected = [_heading(f"{e['number'] or ''} {e['title']}") for e in tree if e["title"].lower() not in GENERATED]
    markdown = (root / "build" / name.split("-")[0] / "social-media.md").read_text(encoding="utf-8")
    rebuilt = [_heading(line[3:]) for line in markdown.splitlines() if line.startswith("## ") and line[3:].lower() not in GENERATED]
    assert rebuilt == expected
    document = docx.Document(root / "build" / name.split("-")[0] / "social-media.docx")
    in_word = [_heading(p.text) for p in document.paragraphs if p.style.name == "Heading 1" and p.text.lower() not in GENERATED]
    assert in_word == expected


def _heading(text: str) -> str:
    """A heading as printed, with the dash policygen sets between an appendix's letter and title
    ("Appendix A – Equality Analysis") and Word's tab after a number read as one space."""
    return re.sub(r"\s+[–-]\s+|\s+", " ", text).strip()
