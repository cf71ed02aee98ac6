"""A captured source that types its section numbers gets the same numbers back, generated.

The fidelity checker ignores numbers (a defective source's may be wrong), so it cannot see a
capture whose levels number differently from the source. The Turing Way's code of conduct types
"2.1 Expected Behaviour" into its Markdown headings; its capture types none and gives the house
style's levels instead, and every format must print the source's numbers at the source's level.
"""

from __future__ import annotations

import html
import re

import docx

from fidelity import SEEDS
from pdf_text import needs_poppler, pdf_text

SEED = SEEDS["turing-way"]
# "## 1 Introduction", "### 2.1 Expected Behaviour": level 1 and 2 headings with their numbers.
HEADING = re.compile(r"^(#{2,3}) (\d+(?:\.\d+)?) (.+)$", re.M)


def source_headings() -> list[tuple[int, str, str]]:
    text = SEED.source.read_text(encoding="utf-8")
    found = [(len(hashes) - 1, num, title) for hashes, num, title in HEADING.findall(text)]
    assert len(found) == 18  # 5 sections, 13 subsections
    return found


def test_the_markdown_headings_are_the_sources(built):
    md = SEED.output(built, "md").read_text(encoding="utf-8")
    assert [(len(h) - 1, n, t) for h, n, t in HEADING.findall(md)] == source_headings()


def test_the_html_headings_carry_the_sources_numbers(built):
    page = SEED.output(built, "html").read_text(encoding="utf-8")
    found = re.findall(r'<h([23]) id="h-[a-z-]+"><span class="num">([\d.]+)</span> ([^<]+)</h\1>', page)
    assert [(int(h) - 1, n, html.unescape(t)) for h, n, t in found] == source_headings()


@needs_poppler
def test_the_pdf_prints_the_sources_numbers(built):
    lines = set(pdf_text(SEED.output(built, "pdf")).splitlines())
    missing = [f"{n} {t}" for _, n, t in source_headings() if f"{n} {t}" not in lines]
    assert not missing


def test_the_docx_headings_carry_the_sources_numbers_at_its_levels(built):
    document = docx.Document(str(SEED.output(built, "docx")))
    found = [
        (int(p.style.name.removeprefix("Heading ")), *p.text.split("\t", 1))
        for p in document.paragraphs
        if p.style.name in ("Heading 1", "Heading 2") and p.text != "Contents"
    ]
    assert [tuple(f) for f in found] == source_headings()
