"""The organisation's own Word template (style.word_template) as the base of the DOCX."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from acme import ORG, POLICY
from conftest import scratch_project
from docx_xml import NS, xml_text
from pdf_text import needs_poppler, pdf_text
from policygen.cli import main
from word_templates import SAMPLE, as_dotx, rewrite, template_bytes, with_macros, with_remote_template

TEMPLATED_ORG = ORG + "style:\n  word_template: word/house.dotx\n"
# Sections three levels deep, so Heading 1, 2 and 3 all appear, and a table.
DEEP = """\
  - id: duties
    title: Duties
    blocks:
      - id: managers
        title: Managers
        blocks:
          - id: line-managers
            title: Line managers
            blocks:
              - id: line-managers-check
                topics: [responsibilities]
                text: Line managers check that their staff have read this policy.
      - id: duty-table
        topics: [responsibilities]
        caption: Who does what
        header: [Role, Duty]
        rows:
          - [Communications Team, Runs the accounts]
"""
FACTS = "Social Media Policy · P_1 · Version 1.0 · Next review: January 2027"
TWIPS_30MM = "1701"
TEMPLATE_LINE = ORG.count("\n") + 2  # the line after "style:"


def _project(root: Path, template: bytes, name: str = "house.dotx", org: str = TEMPLATED_ORG) -> Path:
    scratch_project(root, org.replace("house.dotx", name), POLICY + DEEP)
    folder = root / "organisations/acme/word"
    folder.mkdir()
    (folder / name).write_bytes(template)
    return root


def _xml(docx: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(docx) as z:
        return etree.fromstring(z.read(name))


def _package(docx: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(docx) as z:
        return {n: z.read(n) for n in z.namelist()}


@pytest.fixture(scope="module")
def dotx_build(tmp_path_factory) -> Path:
    """A policy built in every format on a .dotx template, and the same policy without one."""
    root = _project(tmp_path_factory.mktemp("dotx"), template_bytes())
    assert main(["--root", str(root), "build", "--quiet"]) == 0
    plain = scratch_project(tmp_path_factory.mktemp("plain"), ORG, POLICY + DEEP)
    assert main(["--root", str(plain), "build", "--quiet"]) == 0
    return root


def test_the_docx_carries_the_templates_fonts_colours_margins_header_and_footer(dotx_build):
    docx = dotx_build / "build/acme/social-media.docx"
    styles = _xml(docx, "word/styles.xml")
    defaults = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    assert defaults.get(f"{{{NS['w']}}}ascii") == "Liberation Serif"
    for level in (1, 2, 3):
        colour = styles.find(f"w:style[@w:styleId='Heading{level}']/w:rPr/w:color", NS)
        assert colour.get(f"{{{NS['w']}}}val") == "7A1F5C"
    # Title and Caption were not in the template: policygen's, in the house colour, are added.
    assert styles.find("w:style[@w:styleId='Title']/w:rPr/w:color", NS).get(f"{{{NS['w']}}}val") == "005EB8"
    assert styles.find("w:style[@w:styleId='Caption']", NS) is not None
    # ... laid out for the template's page: the contents' page numbers at its right margin
    right = styles.find("w:style[@w:styleId='TOC1']/w:pPr/w:tabs/w:tab[@w:val='right']", NS)
    assert right.get(f"{{{NS['w']}}}pos") == str(11906 - 2 * int(TWIPS_30MM))

    document = _xml(docx, "word/document.xml")
    margins = document.find("w:body/w:sectPr/w:pgMar", NS)
    assert margins.get(f"{{{NS['w']}}}left") == TWIPS_30MM and margins.get(f"{{{NS['w']}}}top") == TWIPS_30MM
    header = xml_text(_xml(docx, "word/header1.xml"))
    assert header.strip().split("\n")[:2] == ["ACME house template", FACTS], "the template's header, then the running facts"
    footer = _xml(docx, "word/footer1.xml")
    assert xml_text(footer).strip().startswith("ACME, 1 High Street\nPage 1 of ")
    assert any("PAGE" in (t.text or "") for t in footer.iter(f"{{{NS['w']}}}instrText"))


def test_the_structure_maps_onto_the_templates_styles_and_its_sample_text_is_gone(dotx_build):
    docx = dotx_build / "build/acme/social-media.docx"
    document = _xml(docx, "word/document.xml")
    headings = {}
    for p in document.iter(f"{{{NS['w']}}}p"):
        style = p.find("w:pPr/w:pStyle", NS)
        if style is not None and style.get(f"{{{NS['w']}}}val").startswith("Heading"):
            headings[xml_text(p).strip()] = style.get(f"{{{NS['w']}}}val")
    assert headings["1\tIntroduction"] == "Heading1"
    assert headings["3\tDuties"] == "Heading1"
    assert headings["3.1\tManagers"] == "Heading2"
    assert headings["3.1.1\tLine managers"] == "Heading3"
    styles = _xml(docx, "word/styles.xml")
    assert not styles.findall("w:style[@w:styleId='Heading1']/w:pPr/w:numPr", NS), "policygen's numbers only"
    numbering = _xml(docx, "word/numbering.xml")
    assert not [e for e in numbering.iter(f"{{{NS['w']}}}pStyle") if e.get(f"{{{NS['w']}}}val", "").startswith("Heading")]
    assert any(t.text.strip().startswith("TOC ") for t in document.iter(f"{{{NS['w']}}}instrText") if t.text)
    tables = document.findall(".//w:tbl", NS)
    assert tables and all(t.find("w:tblPr/w:tblStyle", NS).get(f"{{{NS['w']}}}val") == "TableGrid" for t in tables)
    text = xml_text(document)
    assert "Line managers check that their staff" in text
    package = b"".join(_package(docx).values())
    assert SAMPLE.encode() not in package and b"Sample heading" not in package
    assert b"Template Author" not in package, "the template's own properties are replaced by the policy's"
    assert b"template.main+xml" not in package, "a .docx, not a template"
    assert b"<Template>house.dotx</Template>" in _package(docx)["docProps/app.xml"]


def test_the_template_changes_only_the_docx(dotx_build):
    plain = next(p for p in dotx_build.parent.glob("plain*/build/acme"))
    built = dotx_build / "build/acme"
    for ext in ("html", "pdf", "md"):
        assert (built / f"social-media.{ext}").read_bytes() == (plain / f"social-media.{ext}").read_bytes()
    assert (built / "social-media.docx").read_bytes() != (plain / "social-media.docx").read_bytes()


@needs_poppler
def test_the_pdf_is_the_house_layout_whatever_the_template(dotx_build):
    text = pdf_text(dotx_build / "build/acme/social-media.pdf")
    assert "3.1.1 Line managers" in re.sub(r"\s+", " ", text)
    assert "ACME house template" not in text


def test_a_docx_template_whose_footer_numbers_pages_keeps_its_own_numbers(tmp_path):
    root = _project(tmp_path, template_bytes(dotx=False, page_numbers=True), "house.docx")
    assert main(["--root", str(root), "build", "-f", "docx", "--quiet"]) == 0
    footer = _xml(root / "build/acme/social-media.docx", "word/footer1.xml")
    instructions = [f.get(f"{{{NS['w']}}}instr") for f in footer.iter(f"{{{NS['w']}}}fldSimple")]
    instructions += [t.text for t in footer.iter(f"{{{NS['w']}}}instrText")]
    assert [i.split()[0] for i in instructions] == ["PAGE"], "the template's page number, no second one"
    assert "Page 1 of" not in xml_text(footer)


def test_a_letterhead_on_the_first_page_carries_the_running_line_too(tmp_path):
    root = _project(tmp_path, template_bytes(first_page_header="ACME letterhead"))
    assert main(["--root", str(root), "build", "-f", "docx", "--quiet"]) == 0
    docx = root / "build/acme/social-media.docx"
    section = _xml(docx, "word/document.xml").find("w:body/w:sectPr", NS)
    assert section.find("w:titlePg", NS) is not None
    headers = {}
    with zipfile.ZipFile(docx) as z:
        rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels}
        for ref in section.findall("w:headerReference", NS):
            headers[ref.get(f"{{{NS['w']}}}type")] = xml_text(etree.fromstring(z.read("word/" + targets[ref.get(f"{{{NS['r']}}}id")]))).strip()
    assert headers == {"default": f"ACME house template\n{FACTS}", "first": f"ACME letterhead\n{FACTS}"}


def test_the_templates_header_picture_is_kept_and_its_body_picture_left_out(tmp_path):
    root = _project(tmp_path, template_bytes(pictures=True))
    assert main(["--root", str(root), "build", "-f", "docx", "--quiet"]) == 0
    package = _package(root / "build/acme/social-media.docx")
    media = [name for name in package if name.startswith("word/media/")]
    assert len(media) == 1, media
    assert media[0].rpartition("/")[2].encode() in package["word/_rels/header1.xml.rels"]
    assert b"<w:drawing>" in package["word/header1.xml"] and b"<w:drawing>" not in package["word/document.xml"]


def test_a_template_attached_to_a_remote_one_links_to_nothing(tmp_path):
    url = "http://127.0.0.1:9/templates/remote.dotx"
    root = _project(tmp_path, with_remote_template(template_bytes(), url))
    assert main(["--root", str(root), "build", "-f", "docx", "--quiet"]) == 0
    package = _package(root / "build/acme/social-media.docx")
    assert not any(url.encode() in data for data in package.values())
    assert not any(b'TargetMode="External"' in data for name, data in package.items() if name.endswith(".rels"))
    assert b"attachedTemplate" not in package["word/settings.xml"]


def test_two_builds_on_a_template_are_byte_identical(tmp_path):
    root = _project(tmp_path, template_bytes())
    assert main(["--root", str(root), "build", "-f", "docx", "--quiet"]) == 0
    first = (root / "build/acme/social-media.docx").read_bytes()
    assert main(["--root", str(root), "build", "-f", "docx", "--force", "--quiet"]) == 0
    assert (root / "build/acme/social-media.docx").read_bytes() == first


def test_a_changed_template_rebuilds_the_docx_and_nothing_else(tmp_path, capsys):
    root = _project(tmp_path, template_bytes())
    argv = ["--root", str(root), "build", "-f", "docx", "-f", "md"]
    assert main(argv) == 0
    capsys.readouterr()
    (root / "organisations/acme/word/house.dotx").write_bytes(template_bytes(heading_colour="00703C"))
    assert main(argv) == 0
    out = capsys.readouterr()
    assert re.search(r"\(1 rendered\)", out.err), out.err
    assert [line.split()[1] for line in out.out.splitlines() if line.startswith("wrote")] == ["build/acme/social-media.docx"]


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("house.dotx", lambda: with_macros(template_bytes()), r"'word/house\.dotx' contains macros \(a vbaProject\)"),
        ("house.dotm", lambda: template_bytes(), r"'word/house\.dotm' is a macro-enabled Word file"),
        ("house.docm", lambda: template_bytes(dotx=False), r"'word/house\.docm' is a macro-enabled Word file"),
        ("house.dotx", lambda: b"PK\x03\x04 truncated", r"'word/house\.dotx' is not a Word file that opens"),
        ("house.dotx", lambda: b"<html>a web page</html>", r"'word/house\.dotx' is not a Word file that opens"),
        ("house.dotx", lambda: rewrite(template_bytes(), {"word/styles.xml": lambda b: b.replace(
            b"<w:styles", b'<!DOCTYPE w:styles [<!ENTITY e SYSTEM "file:///etc/passwd">]><w:styles', 1)}),
         r"'word/house\.dotx' declares a DTD in word/styles\.xml"),
        ("house.dot", lambda: b"\xd0\xcf\x11\xe0", r"'word/house\.dot' is not a Word template or document \(\.dotx, \.docx\)"),
        ("../outside.dotx", lambda: None, r"'word/\.\./outside\.dotx' leads outside the organisation's folder; keep templates inside it"),
        ("link.dotx", lambda: "symlink", r"'word/link\.dotx' is a link leading outside the organisation's folder"),
        ("https://example.org/house.dotx", lambda: None, r"'https://example\.org/house\.dotx' is a URL"),
        ("missing.dotx", lambda: None, r"'word/missing\.dotx' does not exist in the organisation's folder"),
    ],
)
def test_a_bad_template_is_one_located_line_and_nothing_is_written(tmp_path, capsys, name, content, message):
    src = name if name.startswith("https:") else f"word/{name}"
    scratch_project(tmp_path, ORG + f"style:\n  word_template: '{src}'\n", POLICY)
    folder = tmp_path / "organisations/acme/word"
    folder.mkdir()
    data = content()
    if data == "symlink":
        outside = tmp_path / "outside.dotx"
        outside.write_bytes(template_bytes())
        (folder / name).symlink_to(outside)
    elif data is not None:
        (folder / name).write_bytes(data)
    (tmp_path / "outside.dotx").write_bytes(template_bytes())
    for argv in (["validate"], ["build"]):
        assert main(["--root", str(tmp_path), *argv]) == 1
        err = capsys.readouterr().err
        assert "Traceback" not in err
        lines = [line for line in err.splitlines() if "word_template" in line]
        assert len(lines) == 1, err
        assert re.fullmatch(rf"organisations/acme/organisation\.yaml:{TEMPLATE_LINE}: style\.word_template: " + message + r".*", lines[0]), lines[0]
    assert not (tmp_path / "build/acme").exists(), "nothing is written for an organisation with a bad template"


def test_a_dotx_and_the_same_docx_give_the_same_document(tmp_path):
    docx = template_bytes(dotx=False)
    one = _project(tmp_path / "one", docx, "house.docx")
    two = _project(tmp_path / "two", as_dotx(docx))
    for root in (one, two):
        assert main(["--root", str(root), "build", "-f", "docx", "--quiet"]) == 0
    first, second = (_package(root / "build/acme/social-media.docx") for root in (one, two))
    assert first.pop("docProps/app.xml").replace(b"house.docx", b"house.dotx") == second.pop("docProps/app.xml")
    assert first == second


def test_the_shipped_stand_in_template_shapes_strategy_units_docx_alone(built):
    """strategy-unit ships a stand-in template (not its own, as its word/README.md says)."""
    assert "stand-in" in (built / "organisations/strategy-unit/word/README.md").read_text()
    docx = built / "build/strategy-unit/open-source.docx"
    styles = _xml(docx, "word/styles.xml")
    assert styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS).get(f"{{{NS['w']}}}ascii") == "Liberation Serif"
    header = xml_text(_xml(docx, "word/header1.xml")).strip().split("\n")
    assert header == ["The Strategy Unit", "Open-Source Policy · Version v0.1.0"]
    for other in (built / "build").glob("*/*.docx"):
        if other.parent.name != "strategy-unit":
            fonts = _xml(other, "word/styles.xml").find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
            assert fonts.get(f"{{{NS['w']}}}ascii") != "Liberation Serif", other


def test_a_template_that_sets_no_page_gets_policygens_a4(tmp_path):
    bare = rewrite(template_bytes(), {"word/document.xml": lambda b: re.sub(rb"<w:sectPr.*</w:sectPr>", b"", b, flags=re.S)})
    root = _project(tmp_path, bare)
    assert main(["--root", str(root), "build", "-f", "docx", "--quiet"]) == 0
    document = _xml(root / "build/acme/social-media.docx", "word/document.xml")
    assert document.find("w:body/w:sectPr/w:pgSz", NS).get(f"{{{NS['w']}}}w") == "11906"
    header = xml_text(_xml(root / "build/acme/social-media.docx", "word/header1.xml")).strip()
    assert header == FACTS, "no header in the template: policygen's own"
