"""The JSON Schema in schema/ matches the models, and every YAML file points at it."""

from pathlib import Path

import pytest

from conftest import ROOT
from policygen.cli import main
from policygen.schema import schema_files, stale_schemas


def test_committed_schema_is_up_to_date():
    assert stale_schemas(ROOT / "schema") == [], "run `policygen schema` and commit schema/"


def test_check_fails_when_schema_is_out_of_date(tmp_path, capsys):
    (tmp_path / "schema").mkdir()
    for name, data in schema_files().items():
        (tmp_path / "schema" / name).write_bytes(data)
    assert main(["--root", str(tmp_path), "schema", "--check"]) == 0
    (tmp_path / "schema" / "policy.schema.json").write_text("{}")
    assert main(["--root", str(tmp_path), "schema", "--check"]) == 1
    assert "policy.schema.json: out of date" in capsys.readouterr().err


YAML_FILES = sorted((ROOT / "organisations").glob("*/*.yaml")) + [ROOT / "vocabulary" / "topics.yaml"]


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_yaml_points_editors_at_the_schema(path: Path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    target = (path.parent / first[len(prefix):]).resolve()
    expected = {"organisation.yaml": "organisation.schema.json", "topics.yaml": "vocabulary.schema.json"}.get(path.name, "policy.schema.json")
    assert target == (ROOT / "schema" / expected).resolve()
