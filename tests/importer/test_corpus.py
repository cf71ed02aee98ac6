"""The corpus of Word policies policygen did not write is what its README says it is, so the
import tests built on it test typed numbers, Word list numbering and unnumbered headings."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

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
