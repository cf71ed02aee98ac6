"""A new organisation's starter organisation.yaml prints the imported policy as its source read:
the document-control labels and the version-history headings as written, in the source's order,
and whole version numbers when the source numbered so."""

from __future__ import annotations

import re
import shutil

import docx
import yaml

from conftest import ROOT
from docx_xml import _part, xml_text
from fidelity import html_text
from pdf_text import needs_poppler, pdf_text
from policygen.cli import main

import word

CONTROL = [("Reference No:", "CG-12"), ("VERSION NUMBER:", "3"), ("Date ratified:", "9 March 2021"),
           ("Ratified by:", "Trust Board"), ("Name of author:", "Communications Team"), ("Distributed via:", "Intranet")]
HISTORY = [("Issue", "Details of change", "Date", "Changed by"), ("1", "New policy", "April 2016", "A Smith"),
           ("3", "Full review", "March 2021", "B Jones")]


def _policy(path):
    d = docx.Document()
    d.add_paragraph("Records Policy", style="Title")
    control = d.add_table(rows=len(CONTROL), cols=2)
    for row, (label, value) in zip(control.rows, CONTROL):
        row.cells[0].text, row.cells[1].text = label, value
    history = d.add_table(rows=len(HISTORY), cols=4)
    for row, cells in zip(history.rows, HISTORY):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    d.add_paragraph("1 Purpose", style="Heading 1")
    d.add_paragraph("1.1 Records are kept safely.")
    return word.save(d, path)


def _in_order(text: str, wanted: list[str]) -> bool:
    at = 0
    for w in wanted:
        at = text.find(w, at)
        if at < 0:
            return False
    return True


@needs_poppler
def test_a_new_organisations_front_sheet_and_version_sheet_read_as_the_source_did(tmp_path, capsys):
    root = tmp_path / "project"
    for name in ("templates", "vocabulary", "schema"):
        shutil.copytree(ROOT / name, root / name)
    assert main(["--root", str(root), "import", str(_policy(tmp_path / "r.docx")), "--org", "acme", "--id", "records", "--kind", "records-management"]) == 0
    err = capsys.readouterr().err
    assert "does not follow major-minor numbering" not in err
    org = yaml.safe_load((root / "organisations/acme/organisation.yaml").read_text(encoding="utf-8"))
    assert org["version_numbers"] == "whole"
    assert org["style"]["front_sheet"][:5] == [
        {"label": "Reference No:", "field": "document_control.reference"},
        {"label": "VERSION NUMBER:", "field": "document_control.version"},
        {"label": "Date ratified:", "field": "document_control.ratified.date"},
        {"label": "Ratified by:", "field": "document_control.ratified.body"},
        {"label": "Name of author:", "field": "document_control.author"},
    ]
    # the rest of what an import reads follows, hidden while empty, never a second label for a field
    fields = [r["field"] for r in org["style"]["front_sheet"]]
    assert "document_control.owner" in fields and len(fields) == len(set(fields))
    # status always has a value, so a row the source did not have would print words it never had
    assert "document_control.status" not in fields
    assert org["style"]["version_history"] == [
        {"label": "Issue", "field": "version"}, {"label": "Details of change", "field": "description"},
        {"label": "Date", "field": "date"}, {"label": "Changed by", "field": "author"},
    ]
    assert main(["--root", str(root), "validate", "acme"]) == 0
    assert "does not follow" not in capsys.readouterr().err
    assert main(["--root", str(root), "build", "acme/records", "--quiet"]) == 0
    out = root / "build/acme"
    rows = [f"{label} {value}" for label, value in CONTROL[:-1]] + ["Distributed via Intranet"]  # extra rows after
    sheet = [" ".join(cells) for cells in HISTORY]
    for fmt, text in (("html", html_text((out / "records.html").read_text(encoding="utf-8"))),
                      ("docx", xml_text(_part(out / "records.docx", "word/document.xml")))):
        assert _in_order(re.sub(r"\s+", " ", text), rows + sheet), fmt
    # poppler reads the PDF's tables a cell a line, and runs the hidden caption ("Document
    # control") into the first cell; the cells, in order, are what a reader sees
    cells = pdf_text(out / "records.pdf").splitlines()
    assert _in_order_lines(cells, [c for label, value in CONTROL[1:-1] for c in (label, value)]
                           + ["Distributed via", "Intranet", *HISTORY[0]])
    assert "No:" in cells and "CG-12" in cells


def _in_order_lines(lines: list[str], wanted: list[str]) -> bool:
    it = iter(lines)
    return all(any(line.strip() == w for line in it) for w in wanted)


def test_versions_not_all_whole_keep_the_default_numbering(tmp_path, capsys):
    root = tmp_path / "project"
    for name in ("templates", "vocabulary", "schema"):
        shutil.copytree(ROOT / name, root / name)
    source = word.typed_policy(tmp_path / "records.docx")  # versions 1.0 and 2.0
    assert main(["--root", str(root), "import", str(source), "--org", "acme"]) == 0
    org = yaml.safe_load((root / "organisations/acme/organisation.yaml").read_text(encoding="utf-8"))
    assert "version_numbers" not in org
    assert [r["label"] for r in org["style"]["front_sheet"][:3]] == ["Reference", "Version", "Review date"]
