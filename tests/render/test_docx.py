"""The DOCX: every sentence, Word structure, a filled-in contents field, page fields,
reproducible bytes, and LibreOffice opens every file."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from conftest import ROOT, copy_project
from docx_xml import NS, W, _part, _parts, xml_text
from fidelity import SEED_LIST, SEEDS, fragments, missing_fragments, words
from policygen.cli import main

ORGS = [s.org for s in SEED_LIST]
def _docx(root: Path, org: str) -> Path:
    return SEEDS[org].output(root, "docx")




def docx_text(path: Path) -> str:
    """The body (paragraphs and tables, in order), then the headers and footers."""
    parts = [_part(path, "word/document.xml"), *_parts(path, "word/header"), *_parts(path, "word/footer")]
    return "\n".join(xml_text(p) for p in parts)


def _view(org: str):
    from policygen.validate.checked import load_and_check
    from policygen.project import Project
    from policygen.resolve import build_view

    doc = load_and_check(Project(ROOT), [org]).documents[0]
    return build_view(doc.org.model, doc.model)


def _flatten(entries, level=1):
    for e in entries:
        yield level, e
        yield from _flatten(e.children, level + 1)


# -- content -----------------------------------------------------------------------

@pytest.mark.parametrize("seed", SEED_LIST, ids=lambda s: s.org)
def test_every_seed_sentence_is_in_the_docx(built, seed):
    missing = missing_fragments(seed, docx_text(_docx(built, seed.org)))
    assert not missing, f"{len(missing)} of {len(fragments(seed))} source fragments missing:\n" + "\n".join(missing)


# -- Word structure -------------------------------------------------------------------

@pytest.mark.parametrize("org", ORGS)
def test_headings_use_word_heading_styles_in_document_order(built, org):
    from policygen.render.docx.text import heading_text

    view = _view(org)
    document = docx.Document(str(_docx(built, org)))
    paragraphs = document.paragraphs
    assert [p.text for p in paragraphs if p.style.name == "Title"] == [view.title]
    headings = [(p.style.name, p.text) for p in paragraphs if p.style.name.startswith("Heading")]
    expected = [
        (f"Heading {min(n.heading_level - 1, 4)}", heading_text(n.label, n.title))
        for n in _walk(view.sections + view.appendices)
        if n.title
    ]
    found = [h for h in headings if h in expected]
    assert found == expected, "section headings missing, out of order or in the wrong style"
    levels = [int(name.split()[-1]) for name, _ in headings]
    assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:])), "a heading level is skipped"


def _walk(nodes):
    for n in nodes:
        yield n
        yield from _walk(n.children)


@pytest.mark.parametrize("org", ORGS)
def test_contents_is_a_filled_in_toc_field_linked_to_bookmarks(built, org):
    view = _view(org)
    if "contents" not in view.style.blocks:
        pytest.skip("the policy has no contents list (its source has none)")
    path = _docx(built, org)
    body = _part(path, "word/document.xml")
    instructions = [" ".join(t.text.split()) for t in body.iter(f"{{{W}}}instrText")]
    toc = [i for i in instructions if i.startswith("TOC ")]
    assert toc == [f'TOC \\o "1-{view.style.contents_depth}" \\h \\z \\u \\b Contents_range'], toc
    bookmarks = {b.get(f"{{{W}}}name") for b in body.iter(f"{{{W}}}bookmarkStart")}
    entries = [p for p in body.iter(f"{{{W}}}p") if (p.find("w:pPr/w:pStyle", NS) is not None
               and p.find("w:pPr/w:pStyle", NS).get(f"{{{W}}}val", "").startswith("TOC"))]
    expected = list(_flatten(view.contents))
    assert len(entries) == len(expected)
    from policygen.render.docx.text import heading_text
    from policygen.render.docx.xml import bookmark_name

    for p, (level, entry) in zip(entries, expected):
        assert p.find("w:pPr/w:pStyle", NS).get(f"{{{W}}}val") == f"TOC{min(level, 3)}"
        link = p.find("w:hyperlink", NS)
        anchor = link.get(f"{{{W}}}anchor")
        assert anchor == bookmark_name(entry.anchor) and anchor in bookmarks
        shown = xml_text(link).strip()
        assert shown.startswith(heading_text(entry.label, entry.title))
        pageref = [" ".join(t.text.split()) for t in link.iter(f"{{{W}}}instrText")]
        if pageref:  # with the PDF layout the page number is a PAGEREF field with the page cached
            assert pageref == [f"PAGEREF {anchor} \\h"]
            assert re.search(r"\t\d+$", shown)
    # The field is begun before the first entry and ended after the last, in the contents.
    chars = [c.get(f"{{{W}}}fldCharType") for c in entries[0].iter(f"{{{W}}}fldChar")]
    assert chars[0] == "begin"
    assert [c.get(f"{{{W}}}fldCharType") for c in entries[-1].iter(f"{{{W}}}fldChar")][-1] == "end"
    # Word must not prompt to update fields on opening.
    assert _part(path, "word/settings.xml").find("w:updateFields", NS) is None
    # The range the TOC field's \b switch lists is bookmarked.
    assert "Contents_range" in bookmarks


def test_contents_page_numbers_come_from_the_pdf_layout(built):
    pytest.importorskip("policygen.render.pdf")
    from policygen.project import Project
    from policygen.render import RenderContext
    from policygen.render.pdf import page_numbers

    view = _view("lchs")
    pages = page_numbers(view, RenderContext(Project(ROOT).template_dirs("lchs")))
    body = _part(_docx(built, "lchs"), "word/document.xml")
    from policygen.render.docx.xml import bookmark_name

    for _, entry in _flatten(view.contents):
        link = body.find(f".//w:hyperlink[@w:anchor='{bookmark_name(entry.anchor)}']", NS)
        assert xml_text(link).strip().endswith(f"\t{pages[entry.anchor]}"), entry.title


@pytest.mark.parametrize("org", ORGS)
def test_header_and_footer_carry_title_reference_version_and_page_fields(built, org):
    view = _view(org)
    path = _docx(built, org)
    header = " ".join(xml_text(h) for h in _parts(path, "word/header"))
    footers = _parts(path, "word/footer")
    footer = " ".join(xml_text(f) for f in footers)
    assert view.title in header
    for fact in filter(None, [view.reference, view.version and f"Version {view.version}"]):
        assert fact in header
    fields = [" ".join(t.text.split()) for f in footers for t in f.iter(f"{{{W}}}instrText")]
    assert "PAGE" in fields and "NUMPAGES" in fields
    assert re.search(r"Page \d+ of \d+", footer)
    pdf_pages = len(__import__("pypdf").PdfReader(SEEDS[org].output(built, "pdf")).pages)
    assert re.search(rf"Page \d+ of {pdf_pages}\b", footer), "NUMPAGES's stored value is the PDF layout's page count"
    if view.printed_statement:
        assert " ".join(view.printed_statement.split()) in " ".join(footer.split())


@pytest.mark.parametrize("org", ORGS)
def test_tables_have_repeating_header_rows_and_lists_are_real_lists(built, org):
    body = _part(_docx(built, org), "word/document.xml")
    for tbl in body.iter(f"{{{W}}}tbl"):
        assert tbl.find("w:tblPr/w:tblStyle", NS).get(f"{{{W}}}val") == "TableGrid"
        first = tbl.find("w:tr", NS)
        shaded_header = first.find("w:tc/w:tcPr/w:shd", NS) is not None and all(
            tc.find("w:tcPr/w:shd", NS) is not None for tc in first.findall("w:tc", NS))
        if shaded_header:
            assert first.find("w:trPr/w:tblHeader", NS) is not None
    numbered = [p for p in body.iter(f"{{{W}}}p") if p.find("w:pPr/w:numPr", NS) is not None]
    styles = {p.find("w:pPr/w:pStyle", NS).get(f"{{{W}}}val") for p in numbered}
    assert numbered and styles <= {"ListBullet", "ListBullet2", "ListBullet3", "ListNumber", "ListNumber2",
                                    "ListNumber3", "TableText"}


def test_version_sheet_and_eia_are_tables_with_header_rows(built):
    document = docx.Document(str(_docx(built, "lchs")))
    headers = [[c.text for c in t.rows[0].cells] for t in document.tables]
    assert ["Version", "Section/Para/ Appendix", "Version/Description of Amendments", "Date", "Author/"] in headers
    assert any(h[0] == "Equality Group" and "Neutral Impact" in h for h in headers)
    grid = next(t for t in document.tables if t.rows[0].cells[0].text == "Equality Group")
    assert grid.rows[0]._tr.trPr.find(f"{{{W}}}tblHeader") is not None


def test_cross_references_are_internal_links_to_existing_bookmarks(built):
    body = _part(_docx(built, "eput"), "word/document.xml")
    bookmarks = {b.get(f"{{{W}}}name") for b in body.iter(f"{{{W}}}bookmarkStart")}
    links = [h for h in body.iter(f"{{{W}}}hyperlink") if h.get(f"{{{W}}}anchor")]
    assert links and all(h.get(f"{{{W}}}anchor") in bookmarks for h in links)
    assert any(xml_text(h).strip() == "Appendix 1" for h in links)  # 2.4 cites the request form
    assert all(len(b) <= 40 and b[0].isalpha() for b in bookmarks)


@pytest.mark.parametrize("org", ORGS)
def test_document_properties_come_from_the_policy(built, org):
    view = _view(org)
    props = docx.Document(str(_docx(built, org))).core_properties
    assert props.title == view.title
    assert props.author == view.org.name
    assert view.org.name in props.subject and props.keywords is not None
    assert props.language == "en-GB"
    assert props.revision == max(1, len(view.policy.version_history))
    if view.published_on:
        assert props.created.date() == view.published_on.first_day()
        assert props.modified.date() == view.revised_on.first_day()
    else:
        assert props.created is None and props.modified is None
    assert "python-docx" not in (props.comments or "")


# -- reproducible bytes ------------------------------------------------------------------

def test_docx_bytes_are_identical_across_builds(built, tmp_path):
    other = copy_project(tmp_path)
    assert main(["--root", str(other), "build", "-f", "docx"]) == 0
    for org in ORGS:
        a = _docx(built, org).read_bytes()
        b = _docx(other, org).read_bytes()
        assert a == b, f"{org}: DOCX differs between two builds"
        with zipfile.ZipFile(_docx(other, org)) as z:
            infos = z.infolist()
            assert infos[0].filename == "[Content_Types].xml"
            assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
            assert "docProps/thumbnail.jpeg" not in z.namelist()


# -- policy text is data -----------------------------------------------------------------------

def test_policy_text_is_only_ever_text(project):
    path = project / "organisations" / "focus" / "social-media.yaml"
    source = path.read_text()
    marker = "This policy does not form part"
    assert marker in source
    hostile = (
        "<w:p>x</w:p> <script>alert(1)</script> & ]]> [bad](javascript:alert(1)) "
        "[file](file:///etc/passwd) [site](https://example.org/a?b=1&c=2) " + marker
    )
    path.write_text(source.replace(marker, hostile, 1))
    assert main(["--root", str(project), "build", "focus", "-f", "docx"]) == 0
    out = _docx(project, "focus")
    text = docx_text(out)
    assert "<w:p>x</w:p> <script>alert(1)</script> & ]]>" in text
    with zipfile.ZipFile(out) as z:
        rels = z.read("word/_rels/document.xml.rels").decode()
    assert "https://example.org/a?b=1&amp;c=2" in rels
    assert "javascript:" not in rels and "file:" not in rels
    assert "bad" in text and "file" in text  # the words of refused links stay, as plain text


# -- LibreOffice -------------------------------------------------------------------------------

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed; CI installs libreoffice-writer-nogui"
)
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")


@pytest.fixture(scope="session")
def libreoffice_pdfs(built, tmp_path_factory) -> dict[str, Path]:
    """Every DOCX converted to PDF by LibreOffice, all five in one soffice run."""
    work = tmp_path_factory.mktemp("libreoffice")
    # The bundled Liberation Sans (Arial's metrics) in LibreOffice's user profile, so the layout
    # does not depend on the machine's fonts.
    fonts = work / "profile" / "user" / "fonts"
    fonts.mkdir(parents=True)
    for font in (ROOT / "policygen" / "fonts").glob("LiberationSans-*.ttf"):
        shutil.copyfile(font, fonts / font.name)
    sources = []
    for org in ORGS:
        src = work / f"{org}.docx"
        shutil.copyfile(_docx(built, org), src)
        sources.append(str(src))
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(work / "pdf"), *sources],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return {org: work / "pdf" / f"{org}.pdf" for org in ORGS}


def _pages(pdf: Path, layout: bool = True) -> list[str]:
    """The text of each page: laid out as printed, or in reading order (a table cell's lines together)."""
    args = ["pdftotext", "-layout" if layout else "-raw", str(pdf), "-"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")


def _reading_text(pages: list[str], running: list[str]) -> str:
    """The pages' words with the running header and footer taken out of every page, so a sentence
    that crosses a page break is whole again, as a reader reads it; the running text once at the end."""
    out: list[str] = []
    for page in pages:
        page_words = words(page)
        for phrase in running:
            target = words(phrase)
            for i in range(len(page_words) - len(target) + 1):
                if page_words[i:i + len(target)] == target:
                    del page_words[i:i + len(target)]
                    break
        out.extend(page_words)
    for phrase in running:
        out.extend(words(phrase))
    return " ".join(out)


@needs_soffice
@needs_poppler
@pytest.mark.parametrize("seed", SEED_LIST, ids=lambda s: s.org)
def test_libreoffice_opens_the_docx_and_keeps_every_sentence(built, libreoffice_pdfs, seed):
    pdf = libreoffice_pdfs[seed.org]
    assert pdf.exists() and pdf.stat().st_size > 0, "LibreOffice could not convert the DOCX"
    view = _view(seed.org)
    header = " · ".join(filter(None, [view.title, view.reference, view.version and f"Version {view.version}",
                                      view.next_review and f"Next review: {view.next_review}"]))
    # An organisation's Word template (style.word_template) may head every page with lines of its own.
    template_lines = [line for part in _parts(_docx(built, seed.org), "word/header")
                      for line in xml_text(part).split("\n") if line.strip() and line != header]
    running = [*template_lines, header, "Page of", *filter(None, [view.printed_statement, view.style.footer])]
    missing = missing_fragments(seed, _reading_text(_pages(pdf, layout=False), running))
    assert not missing, f"{len(missing)} of {len(fragments(seed))} source fragments missing:\n" + "\n".join(missing)


@needs_soffice
@needs_poppler
def test_contents_page_numbers_match_libreoffices_layout(libreoffice_pdfs):
    """The page numbers (from the PDF layout) are where LibreOffice lays the headings out too:
    the DOCX has the PDF's page size, margins, type and page breaks. Allow one entry in ten to
    differ by a page (the two engines break a page at slightly different places)."""
    from policygen.render.docx.text import heading_text

    exact = total = 0
    for org in ORGS:
        view = _view(org)
        if "contents" not in view.style.blocks:
            continue  # no contents list to check
        pages = _pages(libreoffice_pdfs[org])
        title = " ".join(view.style.contents_title.split())
        contents = next(i for i, p in enumerate(pages) if re.search(rf"^\s*{re.escape(title)}\s*$", p, re.M))
        printed = {}
        for line in pages[contents].splitlines():
            m = re.match(r"^\s*(.+?)\s*\.{3,}\s*(\d+)\s*$", line)
            if m:
                printed[" ".join(m[1].split())] = int(m[2])
        for _, entry in _flatten(view.contents):
            key = " ".join(heading_text(entry.label, entry.title).split())
            if key not in printed:
                continue
            line = rf"^\s*{re.escape(key).replace(chr(92) + ' ', chr(92) + 's+')}\s*$"
            where = [i + 1 for i, p in enumerate(pages) if i != contents and re.search(line, p, re.M)]
            if not where:
                continue
            total += 1
            assert abs(where[0] - printed[key]) <= 1, f"{org}: {key!r} listed on page {printed[key]}, laid out on {where[0]}"
            exact += where[0] == printed[key]
    assert total >= 60
    assert exact >= 0.9 * total, f"only {exact} of {total} contents page numbers match LibreOffice's layout"


def test_without_a_pdf_layout_the_contents_still_lists_and_links_every_entry(monkeypatch):
    from policygen.project import Project
    from policygen.render import RenderContext
    from policygen.render.docx.document import render_docx

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # the PDF layout cannot be made: no WeasyPrint
    view = _view("eput")
    data = render_docx(view, RenderContext(Project(ROOT).template_dirs("eput")))
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    links = [h for h in body.iter(f"{{{W}}}hyperlink") if h.getparent().find("w:pPr/w:pStyle", NS) is not None
             and h.getparent().find("w:pPr/w:pStyle", NS).get(f"{{{W}}}val", "").startswith("TOC")]
    assert len(links) == len(list(_flatten(view.contents)))
    assert not any(t.text.strip().startswith("PAGEREF") for h in links for t in h.iter(f"{{{W}}}instrText"))
