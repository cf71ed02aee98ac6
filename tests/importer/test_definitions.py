"""Definitions under a Definitions heading → a definitions list, shown in every format."""

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


def _policy(path):
    d = docx.Document()
    d.add_paragraph("Complaints Policy", style="Title")
    d.add_paragraph("1 Definitions", style="Heading 1")
    d.add_paragraph("1.1 A complaint means an expression of dissatisfaction that needs a response.")
    p = d.add_paragraph()
    p.add_run("PALS").bold = True
    p.add_run(": the Patient Advice and Liaison Service.")
    term = d.add_paragraph()
    term.add_run("Ombudsman").bold = True
    d.add_paragraph("The Parliamentary and Health Service Ombudsman.")
    table = d.add_table(rows=3, cols=2)
    for row, cells in zip(table.rows, [("Term", "Definition"), ("ICB", "Integrated Care Board"), ("NHS", "National Health Service")]):
        row.cells[0].text, row.cells[1].text = cells
    d.add_paragraph("2 Scope", style="Heading 1")
    d.add_paragraph("2.1 Scope means every service we run.")  # not under Definitions: a clause
    return word.save(d, path)


@needs_poppler
def test_terms_become_a_definitions_list_in_every_format(tmp_path, capsys):
    root = tmp_path / "project"
    for name in ("templates", "vocabulary", "schema"):
        shutil.copytree(ROOT / name, root / name)
    assert main(["--root", str(root), "import", str(_policy(tmp_path / "c.docx")), "--org", "acme", "--id", "complaints"]) == 0
    assert "2 definitions lists" in capsys.readouterr().out
    data = yaml.safe_load((root / "organisations/acme/complaints.yaml").read_text(encoding="utf-8"))
    definitions, scope = data["sections"]
    assert [[(t["term"], t["definition"]) for t in b["terms"]] for b in definitions["blocks"]] == [
        [("A complaint", "means an expression of dissatisfaction that needs a response."),
         ("PALS", "the Patient Advice and Liaison Service."), ("Ombudsman", "The Parliamentary and Health Service Ombudsman.")],
        [("ICB", "Integrated Care Board"), ("NHS", "National Health Service")],
    ]
    assert scope["blocks"][0]["text"] == "Scope means every service we run."
    assert main(["--root", str(root), "build", "acme/complaints", "--quiet"]) == 0
    out = root / "build/acme"
    for fmt, text in (("html", html_text((out / "complaints.html").read_text(encoding="utf-8"))),
                      ("pdf", pdf_text(out / "complaints.pdf")),
                      ("docx", xml_text(_part(out / "complaints.docx", "word/document.xml")))):
        flat = re.sub(r"\s+", " ", text)
        for expected in ("A complaint", "means an expression of dissatisfaction", "Ombudsman", "Integrated Care Board"):
            assert expected in flat, (fmt, expected)
