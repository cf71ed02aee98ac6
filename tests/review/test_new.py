"""`policygen new ORG/POLICY`: a scaffold that validates and builds, and never replaces a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ACME_ORG, scratch_project
from policygen.cli import main
from test_review import COMMENTED


@pytest.fixture
def acme(tmp_path: Path) -> Path:
    return scratch_project(tmp_path, ACME_ORG, COMMENTED)


def _new_file(root: Path) -> Path:
    return root / "organisations" / "acme" / "records-management.yaml"


def test_new_scaffolds_a_policy_that_validates_and_builds_in_every_format(acme, capsys):
    assert main(["--root", str(acme), "new", "acme/records-management"]) == 0
    assert "wrote organisations/acme/records-management.yaml" in capsys.readouterr().out
    assert main(["--root", str(acme), "validate", "acme/records-management"]) == 0
    assert " error" not in capsys.readouterr().err.replace("0 error(s)", "")
    assert main(["--root", str(acme), "build", "acme/records-management", "--quiet"]) == 0
    out = acme / "build" / "acme"
    assert {p.name for p in out.iterdir()} >= {f"records-management.{f}" for f in ("html", "pdf", "docx", "md")}
    md = (out / "records-management.md").read_text(encoding="utf-8")
    assert "# Records Management Policy" in md and "| Version | 0.1 |" in md  # the front sheet
    assert "## 3 Equality Impact Assessment" in md and "Sexual orientation" in md  # the EIA, placed
    assert sorted(p.name for p in (acme / "organisations" / "acme").iterdir()) == ["organisation.yaml", "records-management.yaml", "social-media.yaml"]


def test_new_says_what_the_organisation_still_lacks(acme, capsys):
    assert main(["--root", str(acme), "new", "acme/records-management"]) == 0
    assert "no style.controlled_document" in capsys.readouterr().err


def test_new_never_replaces_a_file(acme, capsys):
    existing = acme / "organisations" / "acme" / "social-media.yaml"
    before = existing.read_bytes()
    assert main(["--root", str(acme), "new", "acme/social-media"]) == 1
    assert "organisations/acme/social-media.yaml: already exists" in capsys.readouterr().err
    assert existing.read_bytes() == before


def test_new_needs_an_existing_organisation_and_a_well_formed_name(acme, capsys):
    assert main(["--root", str(acme), "new", "nhs-nowhere/social-media"]) == 1
    assert "organisations/nhs-nowhere/organisation.yaml: no such organisation" in capsys.readouterr().err
    assert not (acme / "organisations" / "nhs-nowhere").exists()
    for bad in ("acme", "acme/Social Media", "../x/y"):
        assert main(["--root", str(acme), "new", bad]) == 2
        assert "ORG/POLICY" in capsys.readouterr().err


def test_a_whole_number_organisation_drafts_1_and_approves_it_as_1(acme, capsys):
    (acme / "organisations" / "acme" / "organisation.yaml").write_text(ACME_ORG + "version_numbers: whole\n")
    assert main(["--root", str(acme), "new", "acme/records-management"]) == 0
    assert '  version: "1"\n  status: draft\n' in _new_file(acme).read_text()
    assert main(["--root", str(acme), "review", "acme/records-management", "--approved-by", "Policy Group", "--date", "2030-01-02"]) == 0
    assert '  version: "1"\n  status: approved\n' in _new_file(acme).read_text()
    capsys.readouterr()
    assert main(["--root", str(acme), "validate", "acme/records-management", "--as-of", "2030-01-02"]) == 0
    assert "version" not in capsys.readouterr().err
