"""Numbered headings and clauses, typed or Word's own, come back as the same numbers in every format."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import pytest
import yaml

from conftest import ROOT
from docx_xml import _part, xml_text
from fidelity import html_text
from pdf_text import needs_poppler, pdf_text
from policygen.cli import main
from policygen.importer.blocks import AutoNumber, Heading, Paragraph, Source, Where
from policygen.importer.numbers import typed
from policygen.importer.recognise import recognise

import word


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    for name in ("templates", "vocabulary", "schema"):
        shutil.copytree(ROOT / name, root / name)
    (root / "organisations").mkdir()
    return root


def _import_and_build(tmp_path: Path, source: Path, policy: str) -> tuple[Path, dict]:
    root = _project(tmp_path)
    assert main(["--root", str(root), "import", str(source), "--org", "acme", "--id", policy, "--kind", "information-governance"]) == 0
    assert main(["--root", str(root), "build", f"acme/{policy}", "--quiet"]) == 0
    data = yaml.safe_load((root / "organisations/acme" / f"{policy}.yaml").read_text(encoding="utf-8"))
    return root / "build" / "acme", data


def _docx_text(path: Path) -> str:
    return xml_text(_part(path, "word/document.xml"))


def _flat(text: str) -> str:
    """Whitespace as one space, none before punctuation (the HTML's link ends before the comma)."""
    return re.sub(r"\s+([,.;:])", r"\1", re.sub(r"\s+", " ", text))


@pytest.mark.parametrize("text, heading, number, rest", [
    ("1 Introduction", True, ("", 1), "Introduction"),
    ("1. Introduction", True, (".", 1), "Introduction"),
    ("3.0 Scope", True, (".0", 1), "Scope"),
    ("4.2\tStaff must", False, ("", 2), "Staff must"),
    ("4.2.1 Staff must", False, ("", 3), "Staff must"),
    ("**4.2**\tStaff must", False, ("", 2), "Staff must"),
    ("a) first", False, (")", None), "first"),
    ("(a) first", False, (")", None), "first"),
    ("(iv) fourth", False, (")", None), "fourth"),
    ("A. Schedules", True, (".", None), "Schedules"),
])
def test_typed_numbers_in_every_common_style(text, heading, number, rest):
    mark, found = typed(text, heading)
    assert found == rest
    assert (dict(mark.style).get("suffix", ""), mark.depth) == number


def test_a_date_or_an_abbreviation_is_not_a_number():
    assert typed("1 April 2024 is the start date.", heading=False) is None
    assert typed("e. g. this", heading=False) is None


def test_i_after_h_is_a_letter_and_otherwise_a_numeral():
    assert dict(typed("(i) ninth", False, previous_letter="h")[0].style)["kind"] == "lower-alpha"
    assert dict(typed("(i) first", False)[0].style)["kind"] == "lower-roman"


@needs_poppler
def test_typed_numbers_are_rebuilt_in_html_pdf_and_docx(tmp_path):
    out, data = _import_and_build(tmp_path, word.typed_policy(tmp_path / "typed.docx"), "records")
    html = _flat(html_text((out / "records.html").read_text(encoding="utf-8")))
    pdf = _flat(pdf_text(out / "records.pdf"))
    docx_text = _flat(_docx_text(out / "records.docx"))
    for text in (html, pdf, docx_text):
        for expected in ("1 Introduction", "1.1 This policy sets out how records are kept. See {ref:scope} and section 2.2, and use *stars* as typed.",
                         "2.1 Records are kept for the periods in the schedule:", "(a) clinical records for eight years;",
                         "(b) corporate records for six years.", "2.2 Records are destroyed securely."):
            assert expected in text, (expected, text[:3000])
    # the typed numbers are nowhere in the data: the cross-reference follows its clause
    assert "section {num:records-destroyed-securely}" in data["sections"][0]["blocks"][0]["text"]
    assert not re.search(r"\b\d\.\d\b", yaml.safe_dump(data["sections"]))


@needs_poppler
def test_word_numbering_is_rebuilt_in_html_pdf_and_docx(tmp_path):
    out, data = _import_and_build(tmp_path, word.auto_numbered_policy(tmp_path / "auto.docx"), "security")
    assert data["levels"] == [{"kind": "arabic"}, {"kind": "arabic"},
                              {"kind": "lower-roman", "nested": False, "prefix": "(", "suffix": ")"}]
    for text in (_flat(html_text((out / "security.html").read_text(encoding="utf-8"))), _flat(pdf_text(out / "security.pdf")),
                 _flat(_docx_text(out / "security.docx"))):
        for expected in ("1 Purpose", "1.1 This policy protects the trust's information.", "(i) clinical systems;",
                         "(ii) corporate systems.", "2 Passwords", "2.1 Passwords are never shared."):
            assert expected.replace("'", "’") in text.replace("'", "’"), (expected, text[:3000])


def _source(*blocks) -> Source:
    return Source("x.docx", tuple(blocks))


def _p(text: str, n: int, **kw) -> Paragraph:
    return Paragraph(text, Where("x.docx", paragraph=n), **kw)


def _h(text: str, n: int, level: int = 1) -> Heading:
    return Heading(level, text, Where("x.docx", paragraph=n))


def test_unnumbered_paragraphs_in_a_numbered_run_and_a_short_numbered_line():
    found = recognise(_source(
        _p("1. Introduction", 1),  # a numbered line in body text: a heading
        _p("1.1 The first clause.", 2),
        _p("A note between clauses.", 3),
        _h("Appendix", 4),
        _p("Text under an unnumbered heading.", 5),
    ))
    intro, appendix = found.sections
    assert (intro.title, [c.text for c in intro.children]) == ("Introduction", ["The first clause.", "A note between clauses."])
    assert intro.checks[0].message == "a short numbered line, taken for a heading"
    assert found.levels[0] == {"suffix": "."}
    assert appendix.mark is None


def test_a_contents_page_is_dropped_and_reported():
    found = recognise(_source(
        _h("Contents", 1), _p("1 Introduction\t3", 2), _p("2 Scope ........ 4", 3),
        _h("1 Introduction", 4), _p("1.1 Text.", 5),
    ))
    assert [s.title for s in found.sections] == ["Introduction"]
    assert [str(d) for d in found.dropped] == ["x.docx: paragraph 1: dropped the contents page (2 entries): policygen generates its own"]


def test_ids_are_unique_and_made_from_the_words():
    from policygen.importer.emit import policy_yaml

    found = recognise(_source(_h("1 Scope", 1), _p("1.1 Same words.", 2), _p("1.2 Same words.", 3), _h("2 Scope", 4)))
    data = yaml.safe_load(policy_yaml(found, "p", None, "x.docx"))
    assert [s["id"] for s in data["sections"]] == ["scope", "scope-2"]
    assert [b["id"] for b in data["sections"][0]["blocks"]] == ["same-words", "same-words-2"]


def test_a_check_comment_sits_on_the_block_it_concerns():
    from policygen.importer.emit import policy_yaml

    found = recognise(_source(_p("1. Introduction", 1), _p("1.1 Text.", 2)))
    text = policy_yaml(found, "p", None, "x.docx")
    assert "  # import: check — x.docx: paragraph 1: a short numbered line, taken for a heading\n  - id: introduction\n" in text


def test_a_number_standing_alone_numbers_the_paragraph_after_it():
    """LibreOffice's Word file of an HTML page puts a clause's number and words in two paragraphs."""
    found = recognise(_source(_h("**1.0** INTRODUCTION", 1), _p("**1.1**", 2), _p("The words.", 3), _p("**1.2**", 4), _p("More.", 5)))
    (intro,) = found.sections
    assert intro.title == "INTRODUCTION"
    assert [(c.text, c.mark.depth) for c in intro.children] == [("The words.", 2), ("More.", 2)]


def test_a_contents_page_without_page_numbers_is_known_by_its_headings():
    found = recognise(_source(
        _h("CONTENTS", 1), _p("Click a title to go to it.", 2), _p("1.0 INTRODUCTION", 3, auto=AutoNumber(0, "bullet", "•")),
        _p("2.0 SCOPE", 4, auto=AutoNumber(0, "bullet", "•")), _h("1.0 INTRODUCTION", 5), _p("1.1 Text.", 6), _h("2.0 SCOPE", 7),
    ))
    assert [s.title for s in found.sections] == ["INTRODUCTION", "SCOPE"] and not found.preamble
    assert [str(d) for d in found.dropped] == ["x.docx: paragraph 1: dropped the contents page (2 entries and the note above them): policygen generates its own"]


def test_a_reference_to_a_number_nobody_has_stays_text_with_a_check():
    from policygen.importer.emit import policy_yaml

    found = recognise(_source(_h("1 Scope", 1), _p("1.1 See section 9.9 and sections 1.2 – 1.3.", 2), _p("1.2 Two.", 3), _p("1.3 Three.", 4)))
    text = policy_yaml(found, "p", None, "x.docx")
    assert "See section 9.9 and sections {num:two} – {num:three}." in text
    assert "# import: check — x.docx: paragraph 2: 'section 9.9': 9.9 names no numbered block: left as typed" in text


def test_a_skipped_typed_number_is_a_check():
    found = recognise(_source(_h("1 Scope", 1), _p("1.1 One.", 2), _p("1.3 Three.", 3), _h("3 Later", 4)))
    scope, later = found.sections
    assert [str(c) for c in scope.children[1].checks] == [
        "x.docx: paragraph 3: typed '1.3' where number 2 of its run was due: policygen numbers in order, so check nothing is missing or repeated"]
    assert "typed '3' where number 2" in str(later.checks[0])


def test_headings_deeper_than_the_model_nests_stay_as_bold_paragraphs():
    from policygen.importer.emit import policy_yaml
    from policygen.load.models import build_model
    from policygen.load.source import parse_source
    from policygen.model import Policy

    found = recognise(_source(_h("1 A", 1), _h("1.1 B", 2, 2), _h("1.1.1 C", 3, 3), _h("1.1.1.1 D", 4, 4), _p("1.1.1.1.1 Deep text.", 5)))
    text = policy_yaml(found, "p", None, "x.docx")
    build_model(Policy, parse_source(text, "p.yaml"))
    assert "text: '**D**'" in text and "a heading 4 levels deep" in text
    assert "numbered deeper than policygen nests (1.1.1.1.1)" in text


def test_words_that_look_like_references_or_entities_stay_words(tmp_path):
    d = docx.Document()
    d.add_paragraph("Scope", style="Heading 1")
    d.add_paragraph("Write {ref:x|y}, {org} and &amp; exactly as typed.")
    root = _project(tmp_path)
    assert main(["--root", str(root), "import", str(word.save(d, tmp_path / "w.docx")), "--org", "acme", "--id", "words", "--kind", "information-governance"]) == 0
    assert main(["--root", str(root), "build", "acme/words", "--quiet", "-f", "html", "-f", "docx"]) == 0
    out = root / "build/acme"
    assert "Write {ref:x|y}, {org} and &amp; exactly as typed." in _flat(html_text((out / "words.html").read_text(encoding="utf-8")))
    assert "Write {ref:x|y}, {org} and &amp; exactly as typed." in _flat(_docx_text(out / "words.docx"))



@pytest.mark.parametrize("name, source", [
    ("w.md", "# W\n\n## Scope\n\nWrite {ref:x|y}, {org} and &amp;amp; exactly as typed.\n"),
    ("w.html", "<h1>W</h1><h2>Scope</h2><p>Write {ref:x|y}, {org} and &amp;amp; exactly as typed.</p>"),
])
def test_words_that_look_like_references_stay_words_from_the_web_too(tmp_path, name, source):
    """The Markdown and HTML readers escape a brace themselves; the recogniser must not escape it again."""
    (tmp_path / name).write_text(source, encoding="utf-8")
    root = _project(tmp_path)
    assert main(["--root", str(root), "import", str(tmp_path / name), "--org", "acme", "--id", "words", "--kind", "information-governance"]) == 0
    assert main(["--root", str(root), "build", "acme/words", "--quiet", "-f", "html"]) == 0
    html = html_text((root / "build/acme/words.html").read_text(encoding="utf-8"))
    assert "Write {ref:x|y}, {org} and &amp; exactly as typed." in _flat(html)

def test_trailing_appendix_headings_become_appendices_with_their_labels():
    from policygen.importer.emit import policy_yaml

    found = recognise(_source(_h("1 Scope", 1), _p("1.1 Text.", 2), _h("Appendix A – Equality Analysis", 3), _p("The form.", 4),
                              _h("ANNEX 2: Contacts", 5), _p("Phone us.", 6)))
    assert [s.title for s in found.sections] == ["Scope"]
    data = yaml.safe_load(policy_yaml(found, "p", None, "x.docx"))
    assert [(a["label"], a["title"], [b["text"] for b in a["blocks"]]) for a in data["appendices"]] == [
        ("Appendix A", "Equality Analysis", ["The form."]), ("ANNEX 2", "Contacts", ["Phone us."])]


def test_a_number_whose_parent_level_is_missing_is_a_check():
    found = recognise(_source(_h("5.0 Use", 1), _h("5.1.1 Honesty", 2, 2), _p("Be honest.", 3)))
    (use,) = found.sections
    assert "typed '5.1.1' sits 2 levels deep (a level above it is missing): policygen numbers it by where it sits" in str(use.children[0].checks[0])


def test_a_typed_number_on_a_deeper_heading_keeps_the_heading_level():
    """strategy-unit's "1. Be open early." is a level-3 heading under "Policy": its own "1." numbers
    it among its siblings, it does not make it a top-level section."""
    found = recognise(_source(_h("Policy", 1), _h("Principles", 2, 2), _h("1. Be open early.", 3, 3), _p("Share early.", 4),
                              _h("2. Be kind.", 5, 3), _h("Review", 6)))
    policy, review = found.sections
    (principles,) = policy.children
    assert [s.title for s in principles.children] == ["Be open early.", "Be kind."]
    assert review.title == "Review"


def test_dropping_the_version_sheet_keeps_the_paragraphs_after_its_table():
    """Only the version table is what the house style prints: a copyright line and a "Policy
    Statement" line under the heading are the policy's own text, kept with a check."""
    from policygen.importer.blocks import Cell, Row, Table
    from policygen.importer.emit import policy_yaml

    history = Table((Row((Cell(("Version",)), Cell(("Date",)), Cell(("Description",))), header=True),
                     Row((Cell(("1.0",)), Cell(("01/02/2020",)), Cell(("First issue",))))), Where("x.docx", paragraph=2))
    found = recognise(_source(_h("Version Control Sheet", 1), history, _p("© Copyright Acme NHS Trust 2020.", 3),
                              _p("Policy Statement", 4), _h("1 Scope", 5), _p("1.1 Text.", 6)))
    text = policy_yaml(found, "p", None, "x.docx")
    assert "© Copyright Acme NHS Trust 2020." in text and "Policy Statement" in text
    assert text.count("found under 'Version Control Sheet', which the house style prints itself: kept, check where it belongs") == 2
    assert "First issue" not in text.split("sections:")[-1]


_WORDS = "Use file_name, a < b, [x], {ref:scope} and {note} with *stars*, key and both: see the site."


def _word_inline(path: Path) -> Path:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    d = docx.Document()
    d.add_paragraph("Scope", style="Heading 1")
    p = d.add_paragraph("Use file_name, a < b, [x], {ref:scope} and {note} with *stars*, ")
    p.add_run("key").bold = True
    p.add_run(" and ")
    both = p.add_run("both")
    both.bold = both.italic = True
    p.add_run(": see ")
    link = word._el("w:hyperlink")
    link.set("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id",
             d.part.relate_to("https://example.org/a_(b)", RT.HYPERLINK, is_external=True))
    run = word._el("w:r")
    run.append(word._el("w:t"))
    run[0].text = "the site"
    link.append(run)
    p._p.append(link)
    p.add_run(".")
    return word.save(d, path)


@needs_poppler
def test_one_inline_rule_for_word_html_and_markdown(tmp_path):
    """The same words typed in Word, on a web page and in Markdown come in as the same Markdown
    (escapes, emphasis, a web link), and print as typed in every format."""
    from policygen.importer.readers import reader_for

    sources = {
        "p.docx": _word_inline(tmp_path / "p.docx"),
        "p.html": tmp_path / "p.html", "p.md": tmp_path / "p.md",
    }
    sources["p.html"].write_text(
        "<h1>Scope</h1><p>Use file_name, a &lt; b, [x], {ref:scope} and {note} with *stars*, <b>key</b> and "
        "<b><i>both</i></b>: see <a href='https://example.org/a_(b)'>the site</a>.</p>", encoding="utf-8")
    sources["p.md"].write_text(
        "# Scope\n\nUse file_name, a < b, \\[x\\], \\{ref:scope\\} and {note} with \\*stars\\*, **key** and "
        "***both***: see [the site](<https://example.org/a_(b)>).\n", encoding="utf-8")
    texts = {name: [b.text for b in reader_for(path)(path, path.read_bytes()).blocks][-1] for name, path in sources.items()}
    assert len(set(texts.values())) == 1, texts
    assert texts["p.docx"] == ("Use file_name, a < b, \\[x\\], \\{ref:scope\\} and \\{note\\} with \\*stars\\*, **key** and "
                               "***both***: see [the site](<https://example.org/a_(b)>).")

    out, _ = _import_and_build(tmp_path, sources["p.docx"], "words")
    for fmt, text in (("html", html_text((out / "words.html").read_text(encoding="utf-8"))),
                      ("pdf", pdf_text(out / "words.pdf")), ("docx", _docx_text(out / "words.docx"))):
        assert _WORDS in _flat(text), fmt
    assert 'href="https://example.org/a_(b)"' in (out / "words.html").read_text(encoding="utf-8")


def _word_list_from_4(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("Scope", style="Heading 1")
    d.add_paragraph("Staff follow the steps that remain:")
    num = word.outline_numbering(d, [("decimal", "%1.")])
    abstract = d.part.numbering_part.element.findall(word.qn("w:abstractNum"))[0]
    abstract.find(word.qn("w:lvl")).find(word.qn("w:start")).set(word.qn("w:val"), "4")
    word.numbered(d.add_paragraph("check the account;"), num, 0)
    word.numbered(d.add_paragraph("report the post."), num, 0)
    return word.save(d, path)


@needs_poppler
@pytest.mark.parametrize("name", ["steps.docx", "steps.html", "steps.md"])
def test_a_numbered_list_that_starts_at_4_prints_from_4(tmp_path, name):
    """A list numbered on from an earlier page (<ol start="4">, Word's w:start, Markdown's "4.")
    keeps its first number in every format, where it used to restart at 1."""
    path = tmp_path / name
    if name.endswith(".docx"):
        _word_list_from_4(path)
    elif name.endswith(".html"):
        path.write_text("<h1>Steps</h1><h2>Scope</h2><p>Staff follow the steps that remain:</p>"
                        "<ol start='4'><li>check the account;</li><li>report the post.</li></ol>", encoding="utf-8")
    else:
        path.write_text("# Steps\n\n## Scope\n\nStaff follow the steps that remain:\n\n4. check the account;\n5. report the post.\n",
                        encoding="utf-8")
    out, data = _import_and_build(tmp_path, path, "steps")
    assert data["sections"][0]["blocks"][0]["text"] == "Staff follow the steps that remain:\n\n4. check the account;\n4. report the post.\n"
    html = (out / "steps.html").read_text(encoding="utf-8")
    assert '<ol start="4" style="counter-reset: list-item 3">' in html
    assert re.search(r"4\.\s+check the account;\s+5\.\s+report the post\.", pdf_text(out / "steps.pdf"))
    # Word numbers the list itself: the list the items are in counts from 4
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    item = next(p for p in _part(out / "steps.docx", "word/document.xml").iterfind(".//w:p", ns) if "check the account" in xml_text(p))
    num_id = item.find(".//w:numId", ns).get(f"{{{ns['w']}}}val")
    num = _part(out / "steps.docx", "word/numbering.xml").find(f"w:num[@w:numId='{num_id}']", ns)
    assert num.find("w:lvlOverride[@w:ilvl='0']/w:startOverride", ns).get(f"{{{ns['w']}}}val") == "4"


def test_clauses_word_numbers_from_4_are_numbered_from_1_and_the_report_says_so():
    outline_from_4 = AutoNumber(1, "decimal", "%1.%2", start=4)
    found = recognise(_source(_h("Scope", 1), _p("First clause.", 2, auto=outline_from_4), _p("Second clause.", 3, auto=outline_from_4)))
    assert [c.text for c in found.sections[0].children] == ["First clause.", "Second clause."]
    assert [str(c) for c in found.sections[0].children[0].checks] == [  # a comment above the block, a line in the report
        "x.docx: paragraph 2: numbered from 4 in the source; policygen numbers these clauses in order from 1 at their level"]


def _word_table_with_caption(path: Path, caption_style: bool) -> Path:
    d = docx.Document()
    d.add_paragraph("Periods", style="Heading 1")
    d.add_paragraph("Records are kept as below.")
    d.add_paragraph("Table 1: Retention periods", style="Caption" if caption_style else None)
    t = d.add_table(rows=3, cols=3)
    for cell, text in zip(t.rows[0].cells, ("Record", "Kind", "Kept for")):
        cell.text = text
    word.header_row(t)
    t.cell(1, 0).merge(t.cell(2, 0)).text = "Clinical"  # Word's vertical merge
    t.cell(1, 1).text, t.cell(1, 2).text = "Adult", "8 years"
    t.cell(2, 1).text, t.cell(2, 2).text = "Child", "25 years"
    return word.save(d, path)


@needs_poppler
@pytest.mark.parametrize("name", ["t.html", "styled.docx", "typed.docx"])
def test_a_table_keeps_its_caption_and_a_cell_spanning_rows_keeps_its_column(tmp_path, name):
    """A caption (HTML <caption>, Word's Caption style or a typed "Table 1:" line above the table)
    is the table's caption in every format, not a clause; a cell spanning two rows keeps its text
    in the first and leaves the row below empty there, so no cell moves to another column."""
    path = tmp_path / name
    if name == "t.html":
        path.write_text("<h1>Retention</h1><h2>Periods</h2><p>Records are kept as below.</p><table>"
                        "<caption>Table 1: Retention periods</caption><tr><th>Record</th><th>Kind</th><th>Kept for</th></tr>"
                        "<tr><td rowspan='2'>Clinical</td><td>Adult</td><td>8 years</td></tr>"
                        "<tr><td>Child</td><td>25 years</td></tr></table>", encoding="utf-8")
    else:
        _word_table_with_caption(path, caption_style=name == "styled.docx")
    out, data = _import_and_build(tmp_path, path, "retention")
    blocks = data["sections"][0]["blocks"]
    assert [b.get("text") for b in blocks] == ["Records are kept as below.", None]
    table = blocks[1]
    assert table["id"] == "table-retention-periods"
    assert table["caption"] == "Table 1: Retention periods"
    assert table["header"] == ["Record", "Kind", "Kept for"]
    assert table["rows"] == [["Clinical", "Adult", "8 years"], ["", "Child", "25 years"]]
    html = (out / "retention.html").read_text(encoding="utf-8")
    assert "<caption>Table 1: Retention periods</caption>" in html
    for fmt, text in (("html", html_text(html)), ("pdf", pdf_text(out / "retention.pdf")), ("docx", _docx_text(out / "retention.docx"))):
        flat = _flat(text)
        assert flat.count("Table 1: Retention periods") == 1 and "Child 25 years" in flat, (fmt, flat)
