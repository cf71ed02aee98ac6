"""`policygen import` gives the policy its kind (comparisons group policies by it): --kind, else
the kind its id names, else the kind its title names; one it cannot tell is validate's error."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from policygen.cli import main

import word


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "project"
    for name in ("templates", "vocabulary", "schema"):
        shutil.copytree(ROOT / name, root / name)
    (root / "organisations").mkdir()
    return root


def _kind(root: Path, policy: str) -> str | None:
    return yaml.safe_load((root / "organisations" / "acme" / f"{policy}.yaml").read_text(encoding="utf-8")).get("kind")


def test_the_kind_comes_from_kind_then_the_id_then_the_title(project, tmp_path, capsys):
    source = word.typed_policy(tmp_path / "r.docx")  # "Records Management Policy"
    assert main(["--root", str(project), "import", str(source), "--org", "acme", "--id", "retention"]) == 0, capsys.readouterr()
    assert _kind(project, "retention") == "records-management"  # from its title
    assert main(["--root", str(project), "import", str(source), "--org", "acme", "--id", "kept", "--kind", "information-governance"]) == 0
    assert _kind(project, "kept") == "information-governance"


def test_a_kind_it_cannot_tell_is_the_validation_error_and_an_unknown_kind_is_usage(project, tmp_path, capsys):
    source = word.typed_policy(tmp_path / "w.docx", title="Widgets")
    assert main(["--root", str(project), "import", str(source), "--org", "acme", "--id", "widgets"]) == 1
    out, err = capsys.readouterr()
    assert re.search(r"^organisations/acme/widgets\.yaml:1: kind: declares no kind and its id 'widgets' names none: add `kind:`", err, re.M), out + err
    assert main(["--root", str(project), "import", str(source), "--org", "acme", "--id", "gadgets", "--kind", "hrr"]) == 2
    err = capsys.readouterr().err
    assert "policygen import: --kind: no kind 'hrr' in vocabulary/topics.yaml (did you mean 'hr'?)" in err
    assert not (project / "organisations" / "acme" / "gadgets.yaml").exists()
