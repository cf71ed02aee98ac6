"""Roles a responsibilities section names → the register of a new organisation, and {role:} in text."""

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
    d.add_paragraph("Social Media Policy", style="Title")
    d.add_paragraph("1 Purpose", style="Heading 1")
    d.add_paragraph("1.1 Every post is approved by the Head of Communications before it goes out.")
    d.add_paragraph("2 Roles and Responsibilities", style="Heading 1")
    d.add_paragraph("2.1 Head of Communications", style="Heading 2")
    d.add_paragraph("2.1.1 Owns the trust's accounts.")
    table = d.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, [("Role", "Duties"), ("Information Governance Lead", "Advises on privacy.")]):
        row.cells[0].text, row.cells[1].text = cells
    word.header_row(table)
    return word.save(d, path)


@needs_poppler
def test_a_new_organisation_gets_the_roles_and_the_text_links_them(tmp_path, capsys):
    root = tmp_path / "project"
    for name in ("templates", "vocabulary", "schema"):
        shutil.copytree(ROOT / name, root / name)
    assert main(["--root", str(root), "import", str(_policy(tmp_path / "s.docx")), "--org", "acme", "--id", "social-media"]) == 0
    assert "2 roles" in capsys.readouterr().out
    org = yaml.safe_load((root / "organisations/acme/organisation.yaml").read_text(encoding="utf-8"))
    assert org["roles"] == {"head-communications": {"title": "Head of Communications"},
                            "information-governance-lead": {"title": "Information Governance Lead"}}
    policy = yaml.safe_load((root / "organisations/acme/social-media.yaml").read_text(encoding="utf-8"))
    assert policy["sections"][0]["blocks"][0]["text"] == "Every post is approved by the {role:head-communications} before it goes out."
    assert main(["--root", str(root), "build", "acme/social-media", "--quiet"]) == 0
    out = root / "build/acme"
    for fmt, text in (("html", html_text((out / "social-media.html").read_text(encoding="utf-8"))),
                      ("pdf", pdf_text(out / "social-media.pdf")),
                      ("docx", xml_text(_part(out / "social-media.docx", "word/document.xml")))):
        assert "1.1 Every post is approved by the Head of Communications before it goes out." in re.sub(r"\s+", " ", text), fmt


def test_an_existing_register_links_titles_and_aliases_as_written_and_reports_what_it_lacks(project, tmp_path, capsys):
    org_file = project / "organisations/cpss/organisation.yaml"
    before = org_file.read_bytes()
    register = yaml.safe_load(before)["roles"]
    key, role = next((k, r) for k, r in register.items() if r.get("aliases"))
    d = docx.Document()
    d.add_paragraph("Roles and Responsibilities", style="Heading 1")
    d.add_paragraph("Deputy Dog Walker", style="Heading 2")
    d.add_paragraph(f"Speak to the {role['aliases'][0]} or the {role['title']}.")
    source = word.save(d, tmp_path / "r.docx")
    assert main(["--root", str(project), "import", str(source), "--org", "cpss", "--id", "roles", "--dry-run"]) == 0
    out, err = capsys.readouterr()
    assert f"Speak to the {{role:{key}|{role['aliases'][0]}}} or the {{role:{key}}}." in out
    assert "r.docx: paragraph 2: 'Deputy Dog Walker' looks like a role the register lacks: add it to organisation.yaml's roles to link it" in err
    assert org_file.read_bytes() == before
