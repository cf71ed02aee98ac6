"""An equality impact screening grid → the structured EIA, covering the nine characteristics."""

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

GROUPS = ["Age", "Disability", "Gender reassignment", "Marriage and civil partnership", "Pregnancy and maternity",
          "Race / ethnicity", "Religion or belief", "Sex", "Sexual orientation", "Carers"]


def _policy(path):
    d = docx.Document()
    d.add_paragraph("Records Policy", style="Title")
    d.add_paragraph("1 Purpose", style="Heading 1")
    d.add_paragraph("1.1 Records are kept.")
    d.add_paragraph("2 Equality Impact Assessment", style="Heading 1")
    table = d.add_table(rows=len(GROUPS) + 1, cols=5)
    for cell, text in zip(table.rows[0].cells, ["Protected group", "Positive impact", "Neutral impact", "Negative impact", "Evidence"]):
        cell.text = text
    for row, group in zip(table.rows[1:], GROUPS):
        row.cells[0].text = group
        row.cells[2 if group != "Disability" else 1].text = "✓"
        if group == "Disability":
            row.cells[4].text = "Easy-read versions are offered."
    return word.save(d, path)


@needs_poppler
def test_a_screening_grid_becomes_the_eia(tmp_path, capsys):
    root = tmp_path / "project"
    for name in ("templates", "vocabulary", "schema"):
        shutil.copytree(ROOT / name, root / name)
    assert main(["--root", str(root), "import", str(_policy(tmp_path / "e.docx")), "--org", "acme", "--id", "records"]) == 0
    out = capsys.readouterr().out
    assert "no Equality Impact Assessment" not in out
    data = yaml.safe_load((root / "organisations/acme/records.yaml").read_text(encoding="utf-8"))
    assert data["sections"][1]["blocks"] == [{"id": "eia", "include": "eia"}]
    grid = data["eia"]["parts"][0]["grid"]
    assert grid["group_label"] == "Protected group" and grid["evidence_label"] == "Evidence"
    rows = grid["rows"]
    assert [r.get("characteristic") for r in rows] == [
        "age", "disability", "gender-reassignment", "marriage-civil-partnership", "pregnancy-maternity", "race",
        "religion-belief", "sex", "sexual-orientation", None]
    assert rows[1] == {"characteristic": "disability", "label": "Disability", "impact": "positive", "evidence": "Easy-read versions are offered."}
    assert {r["impact"] for r in rows if r["label"] != "Disability"} == {"neutral"}
    assert main(["--root", str(root), "build", "acme/records", "--quiet"]) == 0
    built = root / "build/acme"
    for fmt, text in (("html", html_text((built / "records.html").read_text(encoding="utf-8"))), ("pdf", pdf_text(built / "records.pdf")),
                      ("docx", xml_text(_part(built / "records.docx", "word/document.xml")))):
        flat = re.sub(r"\s+", " ", text)
        for expected in ("Protected group", "Marriage and civil partnership", "Easy-read versions are offered.", "Carers"):
            assert expected in flat, (fmt, expected)
