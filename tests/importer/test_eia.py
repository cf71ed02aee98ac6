"""An equality impact screening grid → the structured EIA, covering the nine characteristics."""

from __future__ import annotations

import re
import shutil

import docx
import yaml
from ruamel.yaml import YAML

from conftest import ROOT
from docx_xml import _part, xml_text
from fidelity import html_text
from pdf_text import needs_poppler, pdf_text
from round_trip import project_without
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
    assert main(["--root", str(root), "import", str(_policy(tmp_path / "e.docx")), "--org", "acme", "--id", "records", "--kind", "records-management"]) == 0
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


QUESTIONS = [("Does the policy affect any group less or more favourably on the basis of:", "", ""),
             ("- Age", "No", ""), ("Disability", "YES", "Easy read."), ("- Race", "n/a", ""),
             *((group, "No", "") for group in ("Gender reassignment", "Marriage and civil partnership", "Pregnancy and maternity",
                                               "Religion or belief", "Sex", "Sexual orientation")),
             ("Is any impact likely to be negative?", "Not applicable", ""),
             ("Does the policy support the FREDA principles?", "Partly", "Respect and dignity only."),
             ("Has the policy been consulted on?", "no", "Staff side only.")]


def _question_form(path):
    d = docx.Document()
    d.add_paragraph("Records Policy", style="Title")
    d.add_paragraph("1 Purpose", style="Heading 1")
    d.add_paragraph("1.1 Records are kept.")
    d.add_paragraph("2 Equality Impact Assessment", style="Heading 1")
    fields = d.add_table(rows=2, cols=2)
    for row, texts in zip(fields.rows, [("Name of policy:", "Records Policy"), ("Date of assessment:", "")]):
        for cell, text in zip(row.cells, texts):
            cell.text = text
    table = d.add_table(rows=len(QUESTIONS) + 1, cols=3)
    for row, texts in zip(table.rows, [("Screening question", "Yes/No", "Comments"), *QUESTIONS]):
        for cell, text in zip(row.cells, texts):
            cell.text = text
    return word.save(d, path)


def _project(tmp_path):
    root = tmp_path / "project"
    for name in ("templates", "vocabulary", "schema"):
        shutil.copytree(ROOT / name, root / name)
    return root


@needs_poppler
def test_a_yes_no_question_form_becomes_the_eia(tmp_path, capsys):
    root = _project(tmp_path)
    assert main(["--root", str(root), "import", str(_question_form(tmp_path / "q.docx")), "--org", "acme", "--id", "records", "--kind", "records-management"]) == 0
    out = capsys.readouterr().out
    assert "'Partly' is not yes / no / N/A" in out
    source = (root / "organisations/acme/records.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(source)
    assert data["sections"][1]["blocks"] == [{"id": "eia", "include": "eia"}]
    fields, first = data["eia"]["parts"]  # one question set, numbered through: a 'Partly' row does not split it
    assert fields == {"fields": [{"label": "Name of policy:", "value": "Records Policy"}, {"label": "Date of assessment:"}]}
    assert {k: v for k, v in first["questions"].items() if k != "questions"} == {
        "question_label": "Screening question", "answer_label": "Yes/No", "comment_label": "Comments"}
    parent, negative, partly, last = first["questions"]["questions"]
    assert "answer" not in parent and [(q["question"], q["characteristic"], q["answer"]) for q in parent["questions"]][:4] == [
        ("Age", "age", "no"), ("Disability", "disability", "yes"), ("Race", "race", "na"),
        ("Gender reassignment", "gender-reassignment", "no")]
    assert len(parent["questions"]) == 9
    assert parent["questions"][1]["comment"] == "Easy read."
    assert negative == {"question": "Is any impact likely to be negative?", "answer": "na"}
    assert partly == {"question": "Does the policy support the FREDA principles?", "comment": "Partly — Respect and dignity only."}
    assert last == {"question": "Has the policy been consulted on?", "answer": "no", "comment": "Staff side only."}
    assert "import: check — q.docx: paragraph 6: row 13: the answer 'Partly'" in source.split("include: eia")[0]
    assert main(["--root", str(root), "build", "acme/records", "--quiet"]) == 0
    built = root / "build/acme"
    expected = ["Name of policy:", "Records Policy", "Date of assessment:", "Screening question", "Age", "No", "Disability", "Yes", "Easy read.", "Race", "NA", "Sexual orientation",
                "2. Is any impact likely to be negative?", "NA", "3. Does the policy support the FREDA principles?", "Partly — Respect and dignity only.",
                "4. Has the policy been consulted on?", "No", "Staff side only."]
    for fmt, text in (("html", html_text((built / "records.html").read_text(encoding="utf-8"))), ("pdf", pdf_text(built / "records.pdf")),
                      ("docx", xml_text(_part(built / "records.docx", "word/document.xml")))):
        flat = re.sub(r"\s+", " ", text)
        at = flat.index("Equality Impact Assessment")
        for word_ in expected:  # in order, but PDF text comes a table column at a time
            found = flat.find(word_, at if fmt != "pdf" else 0)
            assert found >= 0, (fmt, word_)
            at = found + len(word_)


def test_a_built_question_set_imports_back_as_questions(built, tmp_path, capsys):
    """SWL CCG's social media policy prints its EIA as numbered yes/no questions with sub-questions
    per characteristic: imported back from its Word build, they are the questions part again."""
    root, seed = project_without("swlccg/social-media", tmp_path)
    assert main(["--root", str(root), "import", str(seed.output(built, "docx")), "--org", "swlccg", "--id", "social-media"]) == 0, capsys.readouterr()
    imported = yaml.safe_load((root / "organisations/swlccg/social-media.yaml").read_text(encoding="utf-8"))["eia"]["parts"][0]["questions"]
    shipped = YAML().load(ROOT / "organisations/swlccg/social-media.yaml")["eia"]["parts"][0]["questions"]  # YAML 1.2, as authored

    def answers(questions):
        return [(q.get("characteristic"), q.get("answer"), answers(q.get("questions", []))) for q in questions]

    assert imported["question_label"] == shipped["question_label"] == "Mandatory Questions"
    assert answers(imported["questions"]) == answers(shipped["questions"])
