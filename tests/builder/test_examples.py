"""The feature tour (examples/feature-tour): a second project, outside organisations/, that shows
every part of the data format. A user follows its README, so it must validate without a warning
and build, with what each feature generates present in every format."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

from conftest import ROOT
from pdf_text import needs_poppler, pdf_text
from policygen.cli import main

TOUR = ROOT / "examples" / "feature-tour"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    # A copy with the vocabulary link followed, so the tour builds where a user may put it.
    root = tmp_path_factory.mktemp("tour") / "feature-tour"
    shutil.copytree(TOUR, root, symlinks=False, ignore=shutil.ignore_patterns("build"))
    assert main(["--root", str(root), "validate", "--strict"]) == 0
    assert main(["--root", str(root), "build", "--quiet"]) == 0
    return root / "build" / "example-trust"


def test_html_shows_each_feature(built):
    ig = (built / "information-governance.html").read_text(encoding="utf-8")
    assert '<p class="identifier">IG.001</p>' in ig and '<p class="identifier">CONF-1</p>' in ig
    assert 'href="records-management.html#retention">Records Management Policy, 3.0 Retention</a>' in ig
    assert "Classification" in ig and "QMS-IG-7" in ig
    assert ig.count('aria-label="checked">☑</span>') == 2 and 'aria-label="not checked">☐</span> by March' in ig
    assert 'alt="Three steps in a row' in ig
    assert "Standards mapping" in ig and "2.2(a)" in ig
    rm = (built / "records-management.html").read_text(encoding="utf-8")
    assert 'href="information-governance.html#confidentiality">Information Governance Policy, CONF-1</a>' in rm


@needs_poppler
def test_pdf_shows_each_feature(built):
    text = pdf_text(built / "information-governance.pdf")
    for words in ("IG.004", "CONF-1", "Records Management Policy, 3.0", "Standards mapping", "QMS-IG-7"):
        assert words in text
    assert "\n3.0 Retention\n" in pdf_text(built / "records-management.pdf")


def test_docx_shows_each_feature(built):
    body = "\n".join(p.text for p in docx.Document(str(built / "information-governance.docx")).paragraphs)
    assert "a)\tIG.004" in body and "2.1\tCONF-1" in body
    assert "Records Management Policy, 3.0 Retention" in body


def test_markdown_letters_the_lists(built):
    md = (built / "information-governance.md").read_text(encoding="utf-8")
    assert "a. check who is asking and why;\nb. check the lawful basis" in md
    assert "   i. for direct care" in md
