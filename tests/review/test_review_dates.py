"""The next review date the rule gives is printed in every format, and silent omissions are warned about."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ACME_ORG, scratch_project
from docx_xml import _part, _parts, xml_text
from pdf_text import needs_poppler, pdf_pages
from policygen.cli import main
from acme import COMMENTED

# Approved 10 February 2023, reviewed every three years, no date fixed: due 10 February 2026.
DERIVED = COMMENTED.replace("  next_review: 2026-02-10\n", "")

CHARACTERISTICS = ["age", "disability", "sex", "gender-reassignment", "marriage-civil-partnership",
                   "pregnancy-maternity", "race", "religion-belief", "sexual-orientation"]
EIA = "\neia:\n  parts:\n    - questions:\n        questions:\n" + "".join(
    f"          - {{question: Affects {c}?, characteristic: {c}, answer: \"no\"}}\n" for c in CHARACTERISTICS
)


@pytest.fixture
def derived(tmp_path: Path) -> Path:
    root = scratch_project(tmp_path, ACME_ORG, DERIVED)
    assert main(["--root", str(root), "build", "--quiet"]) == 0
    return root / "build" / "acme"


def test_html_and_markdown_front_sheets_show_the_derived_review_date(derived):
    html = (derived / "social-media.html").read_text(encoding="utf-8")
    assert re.search(r"<th scope=\"row\">Next review date</th><td>10 February 2026</td>", html)
    assert "| Next review date | 10 February 2026 |" in (derived / "social-media.md").read_text(encoding="utf-8")


@needs_poppler
def test_every_pdf_page_header_shows_the_derived_review_date(derived):
    pages = pdf_pages(derived / "social-media.pdf")
    assert pages and all("Next review: 10 February 2026" in page for page in pages)
    assert re.search(r"Next review date\s+10 February 2026", pages[0])  # the front sheet


def test_docx_header_and_front_sheet_show_the_derived_review_date(derived):
    path = derived / "social-media.docx"
    assert all("Next review: 10 February 2026" in xml_text(h) for h in _parts(path, "word/header"))
    assert "Next review date\n10 February 2026" in xml_text(_part(path, "word/document.xml"))


def test_an_eia_no_block_places_is_a_warning(tmp_path, capsys):
    root = scratch_project(tmp_path, ACME_ORG, COMMENTED + EIA)
    assert main(["--root", str(root), "validate"]) == 0
    assert "eia: warning: no block places the EIA" in capsys.readouterr().err
    assert main(["--root", str(root), "validate", "--strict"]) == 1


def test_a_front_sheet_with_no_rows_is_a_warning_and_an_omitted_one_gets_the_default_rows(tmp_path, capsys):
    root = scratch_project(tmp_path, ACME_ORG + "style:\n  front_sheet: []\n", COMMENTED)
    assert main(["--root", str(root), "validate"]) == 0
    assert "organisation.yaml:8: style.front_sheet: warning: has no rows" in capsys.readouterr().err
    (root / "organisations" / "acme" / "organisation.yaml").write_text(ACME_ORG)
    assert main(["--root", str(root), "build", "-f", "md", "--quiet"]) == 0
    md = (root / "build" / "acme" / "social-media.md").read_text(encoding="utf-8")
    for row in ("| Reference | P_1 |", "| Version | 1.0 |", "| Approved by | Policy Group |", "| Date approved | 10 February 2023 |"):
        assert row in md
