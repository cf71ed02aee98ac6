"""Document control and version history tables → typed fields, in their common spellings."""

from __future__ import annotations

import re
import shutil

import docx
import pytest
import yaml

from conftest import ROOT
from docx_xml import _part, xml_text
from fidelity import html_text
from pdf_text import needs_poppler, pdf_text
from policygen.cli import main
from policygen.importer.control import field_for, uk_date

import word


def _built_texts(root) -> dict[str, str]:
    """The text of acme/infection-control as built in HTML, PDF and DOCX."""
    out_dir = root / "build/acme"
    return {
        "html": html_text((out_dir / "infection-control.html").read_text(encoding="utf-8")),
        "pdf": pdf_text(out_dir / "infection-control.pdf"),
        "docx": xml_text(_part(out_dir / "infection-control.docx", "word/document.xml")),
    }


@pytest.mark.parametrize("text, iso", [
    ("09/03/2021", "2021-03-09"), ("9 March 2021", "2021-03-09"), ("9th Mar 2021", "2021-03-09"),
    ("March 2021", "2021-03"), ("Sept 2020", "2020-09"), ("9.3.21", "2021-03-09"), ("2021-03-09", "2021-03-09"),
    ("31/02/2021", None), ("TBC", None),
])
def test_uk_dates_become_iso_and_a_month_stays_a_month(text, iso):
    assert uk_date(text) == iso


@pytest.mark.parametrize("label, field", [
    ("Date Approved:", "approved.date"), ("Approval date", "approved.date"), ("Ratified by", "ratified.body"),
    ("Ratifying Committee", "ratified.body"), ("Name of approving committee", "approved.body"),
    ("Next Review Date", "review.next_review"), ("Date of next review", "review.next_review"), ("Author(s)", "author"),
    ("Policy Owner", "owner"), ("Version No.", "version"), ("Reference Number", "reference"), ("Status", "status"),
    ("Last review date", "last_review"), ("Date of last review", "last_review"), ("Colour of the cover", None),
])
def test_labels_in_their_common_spellings(label, field):
    assert field_for(label, {}) == field


def _policy(path):
    d = docx.Document()
    d.add_paragraph("Infection Control Policy", style="Title")
    rows = [("Ref No:", "IC-7"), ("Version No.", "3.1"), ("Status", "Approved"), ("Author(s)", "Jane Smith"),
            ("Policy Owner", "Head of Infection Prevention"), ("Approving Committee", "Quality Committee"),
            ("Approval date", "12th May 2023"), ("Ratified by", "Trust Board"), ("Date ratified", "01/06/2023"),
            ("Next review", "May 2026"), ("Classification", "Official"), ("Date issued", "soon")]
    table = d.add_table(rows=len(rows), cols=2)
    for row, (label, value) in zip(table.rows, rows):
        row.cells[0].text, row.cells[1].text = label, value
    d.add_paragraph("Amendment history", style="Heading 1")
    history = d.add_table(rows=3, cols=4)
    for row, cells in zip(history.rows, [("Version", "Date", "Amended by", "Changes"),
                                         ("3.0", "March 2020", "J Smith", "Full review"),
                                         ("3.1", "12/05/2023", "J Smith", "New contact details")]):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    d.add_paragraph("1 Purpose", style="Heading 1")
    d.add_paragraph("1.1 Hands are washed.")
    return word.save(d, path)


@needs_poppler
def test_a_control_table_and_history_become_typed_fields_shown_in_every_format(tmp_path, capsys):
    root = tmp_path / "project"
    for name in ("templates", "vocabulary", "schema"):
        shutil.copytree(ROOT / name, root / name)
    source = _policy(tmp_path / "ic.docx")
    assert main(["--root", str(root), "import", str(source), "--org", "acme", "--id", "infection-control"]) == 0
    out, _ = capsys.readouterr()
    assert "ic.docx: paragraph 2: Date issued: 'soon' is not a date we can read; kept as an extra row" in out
    data = yaml.safe_load((root / "organisations/acme/infection-control.yaml").read_text(encoding="utf-8"))
    dc = data["document_control"]
    assert dc["reference"] == "IC-7" and dc["version"] == "3.1" and dc["status"] == "approved"
    assert dc["author"] == {"name": "Jane Smith"} and dc["owner"] == {"title": "Head of Infection Prevention"}
    assert dc["approved"] == {"body": "Quality Committee", "date": __import__("datetime").date(2023, 5, 12)}
    assert dc["ratified"]["body"] == "Trust Board" and str(dc["ratified"]["date"]) == "2023-06-01"
    assert dc["extra"] == [{"label": "Classification", "value": "Official"}, {"label": "Date issued", "value": "soon"}]
    assert data["review"] == {"next_review": "2026-05"}
    assert data["version_history"] == [
        {"version": "3.0", "date": "2020-03", "author": "J Smith", "description": "Full review"},
        {"version": "3.1", "date": __import__("datetime").date(2023, 5, 12), "author": "J Smith", "description": "New contact details"}]
    assert "Amendment history" not in yaml.safe_dump(data["sections"])  # the house style prints the sheet

    assert main(["--root", str(root), "build", "acme/infection-control", "--quiet"]) == 0
    texts = _built_texts(root)
    for fmt, text in texts.items():
        flat = re.sub(r"\s+", " ", text)
        for expected in ("IC-7", "Quality Committee", "12 May 2023", "Trust Board", "1 June 2023", "May 2026", "Official",
                         "New contact details", "1.1 Hands are washed."):
            assert expected in flat, (fmt, expected)


def test_an_approval_whose_label_names_the_body():
    from policygen.importer.blocks import Cell, Row, Table, Where
    from policygen.importer.control import control

    table = Table((Row((Cell(("APPROVAL BY EOSC:",)), Cell(("16 January 2018",)))),
                   Row((Cell(("Version",)), Cell(("1",))))), Where("x.docx", paragraph=1))
    fields, _, labels = control(table, {}, [])
    assert fields["approved"] == {"body": "EOSC", "date": "2018-01-16"}
    # the label as written, in the table's order, for a new organisation's front sheet
    assert labels == [("APPROVAL BY EOSC:", "approved.date"), ("Version", "version")]


def test_history_columns_by_their_telling_words():
    from policygen.importer.blocks import Cell, Row, Table, Where
    from policygen.importer.control import history, history_columns

    def row(*cells):
        return Row(tuple(Cell((c,)) for c in cells))

    table = Table((row("Version", "Section/Para/ Appendix", "Version/Description of Amendments", "Date", "Author/Amended by"),
                   row("1", "", "New Policy – supersedes G_CoG_01", "April 2016", "R Cousins")), Where("x.docx", paragraph=1))
    columns = history_columns(table, {})
    assert columns == ["version", "sections", "description", "date", "author"]
    assert history(table, columns, []) == [{"version": "1", "date": "2016-04", "author": "R Cousins", "description": "New Policy – supersedes G_CoG_01"}]


@needs_poppler
def test_a_labelled_row_left_blank_prints_its_label_in_every_format(tmp_path, capsys):
    """EPUT's front sheet has 'CONSULTATION:' with nothing beside it: the label is the source's
    words too, so it prints, blank, though the starter house style hides rows a policy leaves out."""
    root = tmp_path / "project"
    for name in ("templates", "vocabulary", "schema"):
        shutil.copytree(ROOT / name, root / name)
    d = docx.Document()
    d.add_paragraph("Infection Control Policy", style="Title")
    rows = [("PROCEDURE NUMBER:", "CPG58"), ("VERSION NUMBER:", "1"), ("CONSULTATION:", ""), ("AUTHOR:", "Head of Nursing")]
    table = d.add_table(rows=len(rows), cols=2)
    for row, (label, value) in zip(table.rows, rows):
        row.cells[0].text, row.cells[1].text = label, value
    d.add_paragraph("1 Purpose", style="Heading 1")
    d.add_paragraph("1.1 Hands are washed.")
    source = word.save(d, tmp_path / "ic.docx")
    assert main(["--root", str(root), "import", str(source), "--org", "acme", "--id", "infection-control"]) == 0
    capsys.readouterr()
    data = yaml.safe_load((root / "organisations/acme/infection-control.yaml").read_text(encoding="utf-8"))
    assert data["document_control"]["extra"] == [{"label": "PROCEDURE NUMBER", "value": "CPG58"}, {"label": "CONSULTATION", "value": ""}]

    assert main(["--root", str(root), "build", "acme/infection-control", "--quiet", "-f", "html", "-f", "pdf", "-f", "docx"]) == 0
    texts = _built_texts(root)
    for fmt, text in texts.items():
        flat = re.sub(r"\s+", " ", text)
        for expected in ("PROCEDURE NUMBER", "CPG58", "CONSULTATION", "Head of Nursing"):
            assert expected in flat, (fmt, expected)
    # the shipped house styles that hide blank rows still hide the organisation's own rows
    assert "Ratified by" not in texts["html"]
