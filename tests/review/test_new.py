"""`policygen new ORG/POLICY`: a scaffold that validates and builds, and never replaces a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ACME_ORG, scratch_project
from policygen.cli import main
from acme import COMMENTED


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
    assert "## 5 Equality Impact Assessment" in md and "Sexual orientation" in md  # the EIA, placed
    assert "| Replace with a job title | Replace with what they do under this policy. |" in md  # a table
    assert "## 4 Records management" in md and "“Retention and disposal schedule”" in md  # a clause per topic of its kind
    scaffold = _new_file(acme).read_text()
    assert "\nkind: records-management  #" in scaffold  # the kind its id names
    # where an author looks for the rest of the format: pictures, citations, identifiers
    assert all(hint in scaffold for hint in ("figure: {src:", "{cite:ID}", "implements:", "identifiers: {pattern:"))
    assert sorted(p.name for p in (acme / "organisations" / "acme").iterdir()) == ["organisation.yaml", "records-management.yaml", "social-media.yaml"]


def test_new_kind_scaffolds_that_kinds_topics_and_validates_and_builds(acme, capsys):
    assert main(["--root", str(acme), "new", "acme/people", "--kind", "hr"]) == 0
    text = (acme / "organisations" / "acme" / "people.yaml").read_text()
    assert "\nkind: hr  #" in text and "topics: [sickness-absence]" in text and "topics: [personal-use]" not in text
    assert main(["--root", str(acme), "validate", "acme/people", "--as-of", "2030-01-02"]) == 0
    assert main(["--root", str(acme), "build", "acme/people", "-f", "html", "--quiet"]) == 0
    capsys.readouterr()
    assert main(["--root", str(acme), "new", "acme/safeguarding-children"]) == 0  # the longest kind its id starts with
    assert "\nkind: safeguarding  #" in (acme / "organisations" / "acme" / "safeguarding-children.yaml").read_text()


@pytest.mark.parametrize("args, message", [
    (["acme/widgets"], "acme/widgets: its id names no kind of policy; add --kind with one of social-media, information-governance,"),
    (["acme/people", "--kind", "hrr"], "--kind: no kind 'hrr' in vocabulary/topics.yaml (did you mean 'hr'?); choose from social-media,"),
])
def test_new_needs_a_kind_it_can_name(acme, capsys, args, message):
    assert main(["--root", str(acme), "new", *args]) == 2
    assert capsys.readouterr().err.startswith(message)
    assert sorted(p.name for p in (acme / "organisations" / "acme").iterdir()) == ["organisation.yaml", "social-media.yaml"]


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
