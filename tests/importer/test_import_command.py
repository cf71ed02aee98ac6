"""`policygen import`: what it writes, what it refuses, what it reports."""

from __future__ import annotations

from pathlib import Path

import yaml

from projects import empty_project  # noqa: F401  (the fixture)
from policygen.cli import main

import word




def _import(root: Path, capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["--root", str(root), "import", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "organisations").rglob("*")) if p.is_file()}


def test_a_word_policy_becomes_a_valid_policy_and_a_starter_organisation(empty_project, tmp_path_factory, capsys):
    source = word.typed_policy(tmp_path_factory.mktemp("in") / "records.docx")
    code, out, err = _import(empty_project, capsys, str(source), "--org", "acme")
    assert code == 0, out + err
    written = empty_project / "organisations" / "acme" / "records-management-policy.yaml"
    assert "wrote organisations/acme/organisation.yaml" in out
    assert "wrote organisations/acme/records-management-policy.yaml" in out
    assert "records.docx: 'Records Management Policy': 3 sections, 5 clauses, 1 table" in out
    assert "2 version history rows" in out
    assert "dropped the contents page (2 entries)" in out
    # one line for the untagged blocks, not one warning per block
    assert "organisations/acme/records-management-policy.yaml: 6 blocks have no topic yet: give each `topics:`" in out
    assert "has no topic" not in err
    data = yaml.safe_load(written.read_text(encoding="utf-8"))
    assert data["id"] == "records-management-policy" and data["kind"] == "records-management"
    assert data["document_control"]["reference"] == "RM-01"
    assert data["review"]["next_review"] == "2024-03"
    assert [r["version"] for r in data["version_history"]] == ["1.0", "2.0"]
    assert [s["title"] for s in data["sections"]] == ["Introduction", "Retention"]
    # the typed numbers are gone from the text, and the levels rebuild them
    first = data["sections"][0]["blocks"][0]["text"]
    assert first == "This policy sets out how **records** are kept. See \\{ref:scope\\} and section {num:records-destroyed-securely}, and use \\*stars\\* as typed."
    assert data["levels"][2] == {"kind": "lower-alpha", "nested": False, "prefix": "(", "suffix": ")"}
    # the starter organisation validates, and so does everything with it
    assert main(["--root", str(empty_project), "validate", "acme"]) == 0


def test_the_id_org_and_refusals(empty_project, tmp_path_factory, capsys):
    source = word.typed_policy(tmp_path_factory.mktemp("in") / "records.docx")
    code, _, err = _import(empty_project, capsys, str(source), "--org", "Acme Trust")
    assert code == 2 and err.strip() == "policygen import: --org 'Acme Trust': use lower-case words joined by hyphens, e.g. acme or social-media"
    code, _, err = _import(empty_project, capsys, str(source), "--org", "acme", "--id", "RM_1")
    assert code == 2 and len(err.strip().splitlines()) == 1
    code, _, err = _import(empty_project, capsys, str(source.with_suffix(".pdf")), "--org", "acme")
    assert code == 2 and "no file" in err
    assert _files(empty_project) == {}

    assert _import(empty_project, capsys, str(source), "--org", "acme", "--id", "records")[0] == 0
    before = _files(empty_project)
    (empty_project / "organisations/acme/records.yaml").write_text("# mine\n", encoding="utf-8")
    code, _, err = _import(empty_project, capsys, str(source), "--org", "acme", "--id", "records")
    assert code == 1 and "organisations/acme/records.yaml: already exists; add --force to replace it" in err
    assert (empty_project / "organisations/acme/records.yaml").read_text(encoding="utf-8") == "# mine\n"
    assert _import(empty_project, capsys, str(source), "--org", "acme", "--id", "records", "--force")[0] == 0
    assert _files(empty_project) == before


def test_dry_run_prints_the_yaml_and_writes_nothing(empty_project, tmp_path_factory, capsys):
    source = word.typed_policy(tmp_path_factory.mktemp("in") / "records.docx")
    code, out, err = _import(empty_project, capsys, str(source), "--org", "acme", "--dry-run")
    assert code == 0, err
    assert out.startswith("# yaml-language-server: $schema=../../schema/policy.schema.json\n")
    assert yaml.safe_load(out)["id"] == "records-management-policy"
    assert "3 sections, 5 clauses" in err  # the report goes to stderr, so stdout is the YAML alone
    assert _files(empty_project) == {}


def test_two_imports_of_one_file_are_byte_identical(empty_project, tmp_path_factory, capsys):
    folder = tmp_path_factory.mktemp("in")
    outputs = []
    for name in ("a.docx", "b.docx"):  # made twice: the file's own timestamps differ, the YAML must not
        source = word.typed_policy(folder / name)
        outputs.append(_import(empty_project, capsys, str(source), "--org", "acme", "--dry-run")[1].replace(name, "X"))
    assert outputs[0] == outputs[1]


def test_an_existing_organisation_keeps_its_file_and_its_labels_are_read_back(project, tmp_path, capsys):
    org_file = project / "organisations/lchs/organisation.yaml"
    before = org_file.read_bytes()
    source = word.typed_policy(tmp_path / "records.docx")
    code, out, _ = _import(project, capsys, str(source), "--org", "lchs", "--id", "records-management")
    assert code == 0
    assert org_file.read_bytes() == before
    assert "organisation.yaml" not in out


def test_a_format_without_its_reader_says_so(empty_project, tmp_path, capsys, monkeypatch):
    from policygen.importer import readers

    monkeypatch.setitem(readers.READERS, ".html", "no-such-reader")
    (tmp_path / "p.html").write_text("<h1>Policy</h1>", encoding="utf-8")
    (tmp_path / "p.txt").write_text("Policy", encoding="utf-8")
    code, _, err = _import(empty_project, capsys, str(tmp_path / "p.html"), "--org", "acme")
    assert (code, err) == (2, "policygen import: reading .html is not available yet\n")
    code, _, err = _import(empty_project, capsys, str(tmp_path / "p.txt"), "--org", "acme")
    assert code == 2 and "cannot import a .txt" in err
    assert _files(empty_project) == {}
