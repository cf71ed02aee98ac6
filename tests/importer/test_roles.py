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
    d.add_paragraph("1.2 A breach is reported to the Practitioner Performance Manager.")
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
    out, err = capsys.readouterr()
    assert "3 roles" in out
    # a job title the text names (as validate's role lint finds it) is registered too, so the lint is quiet
    assert "not in the role register" not in err
    org = yaml.safe_load((root / "organisations/acme/organisation.yaml").read_text(encoding="utf-8"))
    assert org["roles"] == {"head-communications": {"title": "Head of Communications"},
                            "information-governance-lead": {"title": "Information Governance Lead"},
                            "practitioner-performance-manager": {"title": "Practitioner Performance Manager"}}
    policy = yaml.safe_load((root / "organisations/acme/social-media.yaml").read_text(encoding="utf-8"))
    assert [b["text"] for b in policy["sections"][0]["blocks"]] == [
        "Every post is approved by the {role:head-communications} before it goes out.",
        "A breach is reported to the {role:practitioner-performance-manager}."]
    assert main(["--root", str(root), "validate", "acme"]) == 0
    assert "not in the role register" not in capsys.readouterr().err
    assert main(["--root", str(root), "build", "acme/social-media", "--quiet"]) == 0
    out = root / "build/acme"
    for fmt, text in (("html", html_text((out / "social-media.html").read_text(encoding="utf-8"))),
                      ("pdf", pdf_text(out / "social-media.pdf")),
                      ("docx", xml_text(_part(out / "social-media.docx", "word/document.xml")))):
        flat = re.sub(r"\s+", " ", text)
        assert "1.1 Every post is approved by the Head of Communications before it goes out." in flat, fmt
        assert "1.2 A breach is reported to the Practitioner Performance Manager." in flat, fmt


def test_an_existing_register_links_titles_and_aliases_as_written_and_reports_what_it_lacks(project, tmp_path, capsys):
    org_file = project / "organisations/cpss/organisation.yaml"
    before = org_file.read_bytes()
    register = yaml.safe_load(before)["roles"]
    key, role = next((k, r) for k, r in register.items() if r.get("aliases"))
    d = docx.Document()
    d.add_paragraph("Roles and Responsibilities", style="Heading 1")
    d.add_paragraph("Deputy Dog Walker", style="Heading 2")
    d.add_paragraph(f"Speak to the {role['aliases'][0]} or the {role['title']}.")
    d.add_paragraph("The Records Manager keeps the log; the Records Manager signs it.")
    source = word.save(d, tmp_path / "r.docx")
    assert main(["--root", str(project), "import", str(source), "--org", "cpss", "--id", "roles", "--kind", "hr", "--dry-run"]) == 0
    out, err = capsys.readouterr()
    assert f"Speak to the {{role:{key}|{role['aliases'][0]}}} or the {{role:{key}}}." in out
    # one line per role the register lacks, where it is first named, with the line to add; no link
    assert "r.docx: paragraph 2: role 'Deputy Dog Walker' is not in cpss's register: add it as `deputy-dog-walker: {title: Deputy Dog Walker}`" in err
    assert err.count("role 'Records Manager' is not in cpss's register: add it as `records-manager: {title: Records Manager}`") == 1
    assert "The Records Manager keeps the log" in out
    assert role["title"] not in re.findall(r"role '([^']*)' is not in", err)
    assert org_file.read_bytes() == before
