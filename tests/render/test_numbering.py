"""Numbering styles per level and per section, lettered lists, their citation, and the typed-number lint.

One small policy uses them all; it is built in every format and the generated numbers are read
back from each: HTML, PDF (pdftotext), DOCX (python-docx, with its list numbering definitions)
and Markdown.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from acme import SMALL_POLICY_HEAD
from conftest import ACME_ORG, ROOT, copy_project, scratch_project
from pdf_text import needs_poppler, pdf_text
from policygen.cli import main
from policygen.model.organisation import LevelStyle, NumberKind, Numbering
from policygen.resolve.numbering import SHORTHANDS, counter, number

ORG = ACME_ORG + """\
style:
  levels:
    - {kind: arabic}
    - {kind: arabic}
    - {kind: lower-alpha, nested: false, suffix: ")"}
    - {kind: lower-roman, nested: false, prefix: "(", suffix: ")"}
  lists: [lower-alpha, lower-roman]
"""

POLICY = SMALL_POLICY_HEAD + """\
sections:
  - id: intro
    title: Introduction
    blocks:
      - id: purpose
        topics: [purpose]
        text: "Read {ref:conditions}, {num:first-condition} and {num:detail}; see also {ref:schedule-a}."
  - id: rules
    title: Rules
    blocks:
      - id: conditions
        title: Conditions
        blocks:
          - id: first-condition
            topics: [purpose]
            text: "Staff must:\\n\\n1. be polite\\n2. be accurate\\n   1. in posts\\n   2. in replies"
          - id: more
            title: More conditions
            blocks:
              - id: detail
                topics: [purpose]
                text: Check every detail.
  - id: glossary
    title: Glossary
    numbered: false
    blocks:
      - id: words
        title: Words
        blocks:
          - id: word-one
            topics: [purpose]
            text: A word defined.
  - id: schedules
    title: Schedules
    levels:
      - {kind: upper-alpha, nested: false, suffix: "."}
    blocks:
      - id: schedule-a
        title: First schedule
        blocks:
          - id: schedule-text
            topics: [purpose]
            text: Schedule text, unnumbered below the section's one level.
"""

# (label, what follows it) in document order, as every format prints them.
EXPECTED = [
    ("1", "Introduction"),
    ("1.1", "Read 2.1 Conditions, 2.1(a) and 2.1(b)(i); see also 3(A) First schedule."),
    ("2", "Rules"),
    ("2.1", "Conditions"),
    ("a)", "Staff must:"),
    ("b)", "More conditions"),
    ("(i)", "Check every detail."),
    ("1", "Words"),  # afresh under the unnumbered Glossary, no parent number
    ("a)", "A word defined."),
    ("3", "Schedules"),
    ("A.", "First schedule"),
]
LIST_ITEMS = [("a", "be polite"), ("b", "be accurate"), ("i", "in posts"), ("ii", "in replies")]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = scratch_project(tmp_path_factory.mktemp("numbering"), ORG, POLICY)
    assert main(["--root", str(root), "build", "--quiet"]) == 0
    return root / "build" / "acme"


def test_counters_and_citation():
    assert [counter(NumberKind.lower_alpha, n) for n in (1, 26, 27)] == ["a", "z", "aa"]
    assert [counter(NumberKind.upper_roman, n) for n in (4, 9, 14, 1990)] == ["IV", "IX", "XIV", "MCMXC"]
    parent = number(LevelStyle(), 2, number(LevelStyle(), 4, None))
    lettered = number(LevelStyle(kind=NumberKind.lower_alpha, nested=False, suffix=")"), 1, parent)
    roman = number(LevelStyle(kind=NumberKind.lower_roman, nested=False, prefix="(", suffix=")"), 3, lettered)
    assert (lettered.label, lettered.cite, roman.label, roman.cite) == ("a)", "4.2(a)", "(iii)", "4.2(a)(iii)")
    zero = number(SHORTHANDS[Numbering.zero][0], 3, None)
    assert (zero.label, zero.cite) == ("3.0", "3.0")
    assert number(SHORTHANDS[Numbering.zero][1], 1, zero).cite == "3.1"
    dotted = number(SHORTHANDS[Numbering.dotted][0], 5, None)
    assert (dotted.label, dotted.cite) == ("5.", "5")


def test_html_prints_the_generated_numbers(built):
    html = (built / "social-media.html").read_text(encoding="utf-8")
    main_part = html[html.index("</nav>"):]  # after the contents
    labels = re.findall(r'<span class="num">([^<]+)</span>', main_part)
    assert labels == [label for label, _ in EXPECTED]
    assert "Read 2.1 Conditions, 2.1(a) and 2.1(b)(i); see also 3(A) First schedule." in re.sub(r"<[^>]+>", "", html)
    assert re.findall(r"<ol ([^>]*)>", html) == ['type="a" class="list-lower-alpha"', 'type="i" class="list-lower-roman"']
    assert ".list-lower-alpha { list-style-type: lower-alpha; }" in html


@needs_poppler
def test_pdf_prints_the_generated_numbers(built):
    lines = [" ".join(line.split()) for line in pdf_text(built / "social-media.pdf").splitlines()]
    body = lines[lines.index("Read 2.1 Conditions, 2.1(a) and 2.1(b)(i); see also 3(A) First schedule.") - 4:]
    printed = [line for line in body if line]
    for label, words in EXPECTED:
        assert f"{label} {words}" in printed or (label in printed and words in printed), (label, words)
    for letter, words in LIST_ITEMS:  # the CSS counts the lists; pdftotext reads the markers
        assert f"{letter}. {words}" in printed or f"{letter}." in printed, (letter, words)


def test_docx_prints_the_generated_numbers_and_letters_its_lists(built):
    document = docx.Document(str(built / "social-media.docx"))
    body = [p for p in document.paragraphs if not p.style.name.startswith("toc")]
    texts = [p.text for p in body]
    start = texts.index("1\tIntroduction")
    numbered = [t.split("\t", 1) for t in texts[start:] if "\t" in t]
    assert [tuple(pair) for pair in numbered] == EXPECTED
    # An unnumbered contents entry starts where the numbers do, not in the margin.
    glossary = next(p for p in document.paragraphs if p.style.name == "toc 1" and p.text.startswith("Glossary"))
    assert glossary._p.pPr.find(qn("w:ind")).get(qn("w:firstLine")) == "0"
    # The list items are real Word lists, counted by definitions in the house style's kinds.
    formats = _list_formats(document)
    items = {p.text: p for p in body if p.text in {words for _, words in LIST_ITEMS}}
    for (letter, words), fmt in zip(LIST_ITEMS, ("lowerLetter", "lowerLetter", "lowerRoman", "lowerRoman")):
        num_pr = items[words]._p.pPr.numPr
        assert formats[(num_pr.numId.val, num_pr.ilvl.val)] == (fmt, f"%{num_pr.ilvl.val + 1}.")


def _list_formats(document) -> dict[tuple[int, int], tuple[str, str]]:
    """(numId, level) → (numFmt, lvlText) from the numbering part."""
    numbering = document.part.numbering_part.element
    abstracts = {a.get(qn("w:abstractNumId")): a for a in numbering.findall(qn("w:abstractNum"))}
    out = {}
    for num in numbering.findall(qn("w:num")):
        abstract = abstracts[num.find(qn("w:abstractNumId")).get(qn("w:val"))]
        for lvl in abstract.findall(qn("w:lvl")):
            fmt = lvl.find(qn("w:numFmt")).get(qn("w:val"))
            text = lvl.find(qn("w:lvlText")).get(qn("w:val"))
            out[(int(num.get(qn("w:numId"))), int(lvl.get(qn("w:ilvl"))))] = (fmt, text)
    return out


def test_markdown_keeps_the_numbers_and_letters(built):
    md = (built / "social-media.md").read_text(encoding="utf-8")
    for label, words in EXPECTED:
        assert f" {label} {words}" in md or f"\n{label} {words}" in md, (label, words)
    assert "a. be polite\nb. be accurate\n   i. in posts\n   ii. in replies" in md


def test_typed_numbers_are_warned_about(tmp_path, capsys):
    policy = (
        POLICY.replace("title: Introduction", "title: 1.0 INTRODUCTION")
        .replace("text: Check every detail.", 'text: "(iii) Check every detail."')
        .replace("title: First schedule", "title: A. First schedule")
    )
    root = scratch_project(tmp_path, ORG, policy)
    assert main(["--root", str(root), "validate"]) == 0
    err = capsys.readouterr().err
    file = "organisations/acme/social-media.yaml"
    assert f"{file}:9: sections[0].title: warning: starts with the typed number '1.0': remove it, numbers are generated" in err
    assert f"{file}:28: sections[1].blocks[0].blocks[1].blocks[0].text: warning: starts with the typed number '(iii)'" in err
    assert f"{file}:45: sections[3].blocks[0].title: warning: starts with the typed number 'A.'" in err
    assert "'1.'" not in err  # a Markdown list in clause text is not a typed number
    assert err.count("typed number") == 3


def test_an_unknown_kind_is_one_located_line(tmp_path, capsys):
    root = scratch_project(tmp_path, ORG.replace("kind: lower-alpha, nested", "kind: letters, nested"), POLICY)
    assert main(["--root", str(root), "validate"]) == 1
    err = capsys.readouterr().err
    assert (
        "organisations/acme/organisation.yaml:11: style.levels[2].kind: 'letters' is not allowed; expected one of "
        "arabic, lower-alpha, upper-alpha, lower-roman, upper-roman, none" in err
    )
    assert "Traceback" not in err


# The level styles each shorthand stands for, written out as an author would.
WRITTEN_OUT = {
    "none": "[]",
    '"1.1"': "[{}, {}, {}]",
    '"1."': '[{suffix: "."}, {}, {}]',
    '"1.0"': '[{suffix: ".0", cited_with_suffix: true}, {}, {}]',
}


def _hashes(build: Path) -> dict[str, str]:
    return {
        str(p.relative_to(build)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(build.rglob("*"))
        if p.is_file() and p.name not in (".policygen-cache.json", "search.sqlite")  # both hold digests of the sources
    }


def test_shorthands_and_their_level_styles_build_the_shipped_five_byte_identically(built_shipped_twice):
    shorthand, written_out = built_shipped_twice
    assert shorthand == written_out
    assert len(shorthand) >= 20


@pytest.fixture(scope="module")
def built_shipped_twice(tmp_path_factory) -> tuple[dict[str, str], dict[str, str]]:
    """The shipped project built as it is, and again with each organisation's shorthand written out as `levels`."""
    results = []
    for written_out in (False, True):
        root = copy_project(tmp_path_factory.mktemp("shipped"))
        if written_out:
            for org in (root / "organisations").glob("*/organisation.yaml"):
                text = org.read_text(encoding="utf-8")
                found = re.search(r"^  numbering: (.+)$", text, re.M)
                if found is None:  # it gives its levels already (The Turing Way): nothing to write out
                    continue
                shorthand = found[1]
                org.write_text(text.replace(f"  numbering: {shorthand}", f"  levels: {WRITTEN_OUT[shorthand]}"), encoding="utf-8")
        assert main(["--root", str(root), "build", "--quiet", "--jobs", "2"]) == 0
        results.append(_hashes(root / "build"))
    return results[0], results[1]


def test_the_shipped_five_trigger_no_typed_number_warning(capsys):
    main(["--root", str(ROOT), "validate"])
    assert "typed number" not in capsys.readouterr().err


def test_a_level_of_kind_none_numbers_the_next_level_afresh(tmp_path):
    org = ORG.split("style:")[0] + "style:\n  levels: [{kind: none}, {}]\n"
    policy = POLICY.split("sections:")[0] + """\
sections:
  - id: one
    title: One
    blocks:
      - {id: one-a, topics: [purpose], text: First of one.}
      - {id: one-b, topics: [purpose], text: Second of one.}
  - id: two
    title: Two
    blocks:
      - {id: two-a, topics: [purpose], text: "First of two, after {num:one-b}."}
"""
    root = scratch_project(tmp_path, org, policy)
    assert main(["--root", str(root), "build", "--quiet", "-f", "md"]) == 0
    md = (root / "build" / "acme" / "social-media.md").read_text(encoding="utf-8")
    assert "## One\n\n1 First of one.\n\n2 Second of one.\n\n## Two\n\n1 First of two, after 2." in md


def test_a_policy_replaces_the_house_levels(tmp_path):
    policy = POLICY.replace("sections:\n", 'levels: [{kind: upper-roman, suffix: "."}, {kind: arabic, nested: false}]\nsections:\n', 1)
    root = scratch_project(tmp_path, ORG, policy)
    assert main(["--root", str(root), "build", "--quiet", "-f", "md"]) == 0
    md = (root / "build" / "acme" / "social-media.md").read_text(encoding="utf-8")
    assert "## I. Introduction\n\n1 Read II(1) Conditions," in md  # a standalone level-2 number cited after its parent's
    assert "\nStaff must:" in md  # the policy's two levels end there: level 3 is not numbered
    assert "## III. Schedules" in md and "### A. First schedule" in md  # the section's own levels still apply
