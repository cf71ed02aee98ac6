"""A block quote in clause text (Markdown `>`) is inset in every format, not run in as body text.

The Strategy Unit's open-source policy quotes Data Saves Lives this way. One small policy has a
quote in an unnumbered clause and one in a numbered clause; it is built in every format and the
inset is read back from each: HTML (a blockquote element), PDF (pdftotext's layout), DOCX
(python-docx's paragraph indents) and Markdown (the `>` kept).
"""

from __future__ import annotations

import docx
from docx.shared import Twips

from conftest import ACME_ORG, scratch_project
from pdf_text import needs_poppler, pdf_pages
from policygen.cli import main
from policygen.render.docx.styles import LIST_STEP, NUMBER_INDENT

ORG = ACME_ORG + """\
style:
  numbering: none
  number_clauses: true
  blocks: [title, sections]
"""

POLICY = """\
id: social-media
kind: social-media
document_control:
  title: Social Media Policy
review: {every: 3 years}
sections:
  - id: intro
    title: Introduction
    blocks:
      - id: plain
        topics: [purpose]
        text: |-
          The strategy says:

          > Public services are built with public money.

          Unquoted words follow.
  - id: rules
    title: Rules
    levels: [{kind: lower-alpha, nested: false, suffix: "."}]
    blocks:
      - id: numbered
        topics: [purpose]
        text: |-
          A lettered rule quotes:

          > Quoted under a letter.
"""


def _build(tmp_path):
    root = scratch_project(tmp_path, ORG, POLICY)
    assert main(["--root", str(root), "build", "--quiet"]) == 0
    return root / "build" / "acme"


def test_a_block_quote_is_inset_in_every_format(tmp_path):
    out = _build(tmp_path)

    html = (out / "social-media.html").read_text(encoding="utf-8")
    assert "<blockquote>\n<p>Public services are built with public money.</p>\n</blockquote>" in html
    assert "<blockquote>\n<p>Quoted under a letter.</p>\n</blockquote>" in html

    md = (out / "social-media.md").read_text(encoding="utf-8")
    assert "\n> Public services are built with public money.\n" in md

    paragraphs = {p.text: p.paragraph_format for p in docx.Document(str(out / "social-media.docx")).paragraphs}
    quote, after = paragraphs["Public services are built with public money."], paragraphs["Unquoted words follow."]
    assert (quote.left_indent, quote.right_indent) == (Twips(LIST_STEP), Twips(LIST_STEP))
    assert after.left_indent in (None, 0)  # the quote ends where its `>` lines do
    lettered = paragraphs["Quoted under a letter."]  # inset from the clause's text, past its letter
    assert (lettered.left_indent, lettered.right_indent) == (Twips(NUMBER_INDENT + LIST_STEP), Twips(LIST_STEP))


@needs_poppler
def test_a_block_quote_is_inset_on_the_pdf_page(tmp_path):
    lines = "\n".join(pdf_pages(_build(tmp_path) / "social-media.pdf")).splitlines()

    def column(start: str) -> int:
        line = next(line for line in lines if start in line)
        return len(line) - len(line.lstrip())

    assert column("Public services are built") > column("The strategy says:")
    assert column("Unquoted words follow.") == column("The strategy says:")
