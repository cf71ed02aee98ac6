"""A title with nothing under it does not get a page to itself in the PDF or the DOCX.

GDS's security notice, a Markdown file on GitHub, has a title and sections and no front sheet
or contents; the print layout started the sections on a new page and left page 1 bare. A small
policy with the same blocks is built in every format: its one section shares the title's page in
the PDF (pdftotext, page by page) and in the DOCX (no page break before the first heading), and
with a front sheet between them the sections still start a new page.
"""

from __future__ import annotations

import docx

from acme import SMALL_POLICY_HEAD
from conftest import ACME_ORG, scratch_project
from pdf_text import needs_poppler, pdf_pages
from policygen.cli import main

POLICY = SMALL_POLICY_HEAD + """\
kind: social-media
sections:
  - id: intro
    title: Introduction
    blocks:
      - id: short
        topics: [purpose]
        text: This notice is short.
"""


def _build(tmp_path, blocks: str):
    org = ACME_ORG + f"style:\n  blocks: {blocks}\n"
    root = scratch_project(tmp_path, org, POLICY)
    assert main(["--root", str(root), "build", "-q"]) == 0
    return root / "build" / "acme"


def _docx_breaks_before_heading(path) -> bool:
    """Whether a page break comes anywhere before the first section heading."""
    for p in docx.Document(str(path)).paragraphs:
        if p.paragraph_format.page_break_before or 'w:type="page"' in p._p.xml:
            return True
        if p.text.endswith("Introduction"):
            return False
    raise AssertionError("no section heading")


@needs_poppler
def test_sections_share_the_page_of_a_bare_title(tmp_path):
    out = _build(tmp_path, "[title, sections]")
    pages = pdf_pages(out / "social-media.pdf")
    assert len(pages) == 1 and "Social Media Policy" in pages[0] and "This notice is short." in pages[0]
    assert not _docx_breaks_before_heading(out / "social-media.docx")
    html = (out / "social-media.html").read_text(encoding="utf-8")
    assert html.index("Social Media Policy") < html.index("This notice is short.")


@needs_poppler
def test_sections_after_a_front_sheet_still_start_a_page(tmp_path):
    out = _build(tmp_path, "[title, front_sheet, sections]")
    pages = pdf_pages(out / "social-media.pdf")
    assert len(pages) == 2 and "This notice is short." in pages[1]
    assert _docx_breaks_before_heading(out / "social-media.docx")
