"""policygen drift: each adopting policy's clauses as model, changed (word diff), as model again,
removed (with the reason), added; the version adopted against the model's current one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from models_project import write_models, write_with_local
from policygen.cli import main


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    return write_models(tmp_path_factory.mktemp("drift"))


def _run(root: Path, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--root", str(root), "drift", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_table_for_every_adopter(root, capsys):
    code, out, err = _run(root, capsys)
    assert code == 0 and err == ""
    assert "northfield/social-media adopts model-nhs/social-media: adopts version 2.0; the model's current version is 2.0" in out
    assert "  6 as model" in out
    lines = {line.split()[0]: " ".join(line.split()[1:]) for line in out.split("southbay/social-media adopts")[1].splitlines()[1:] if line.strip()}
    assert lines["purpose"] == "as model"
    assert lines["scope"] == "as model again replaced with the model's own words: the replacement can go"
    assert lines["personal"] == "changed Staff must not [-share confidential information online.-]{+post anything that could identify a patient.+}"
    assert lines["policy-review"] == "removed The ICB's policy group reviews every policy on its own cycle."
    assert lines["managers"] == "added after duties"
    assert "3 as model, 1 changed, 1 as model again, 1 removed, 1 added" in out
    # in the model's document order, the addition where it was made
    assert [k for k in lines if k[0].isalpha() and k != "3"] == ["purpose", "scope", "duties", "managers", "personal", "concerns", "policy-review"]


def test_json(root, capsys):
    code, out, _ = _run(root, capsys, "southbay/social-media", "--format", "json")
    assert code == 0
    [southbay] = json.loads(out)
    assert (southbay["policy"], southbay["model"], southbay["adopted_version"], southbay["current_version"], southbay["behind"]) == (
        "southbay/social-media", "model-nhs/social-media", "2.0", "2.0", False)
    status = {c["id"]: c["status"] for c in southbay["clauses"]}
    assert status == {"purpose": "as model", "scope": "as model again", "duties": "as model", "managers": "added",
                      "personal": "changed", "concerns": "as model", "policy-review": "removed"}
    concerns = next(c for c in southbay["clauses"] if c["id"] == "concerns")
    assert concerns["model_text"] == "Concerns go to the Patient Experience Team, who reply within 5 working days."  # the adopter's params
    personal = next(c for c in southbay["clauses"] if c["id"] == "personal")
    assert {"op": "delete", "text": "share confidential information online."} in personal["diff"]


def test_markdown(root, capsys):
    code, out, _ = _run(root, capsys, "southbay", "--format", "markdown")
    assert code == 0
    assert out.startswith("# Drift from model policies\n")
    assert "| personal | changed | Staff must not ~~share confidential information online.~~**post anything that could identify a patient.** |" in out
    assert "| policy-review | removed | The ICB's policy group reviews every policy on its own cycle. |" in out
    assert "northfield" not in out


def test_naming_the_model_reports_its_adopters(root, capsys):
    code, out, _ = _run(root, capsys, "model-nhs/social-media")
    assert code == 0
    assert "northfield/social-media adopts" in out and "southbay/social-media adopts" in out


def test_model_moved_on(tmp_path, capsys):
    root = write_models(tmp_path)
    model = root / "organisations" / "model-nhs" / "social-media.yaml"
    model.write_text(model.read_text(encoding="utf-8").replace('version: "2.0"', 'version: "2.1"'), encoding="utf-8")
    code, out, err = _run(root, capsys, "northfield")
    assert code == 0 and err == ""
    assert "adopts version 2.0; the model's current version is 2.1 (behind)" in out
    assert main(["--root", str(root), "validate", "northfield"]) == 0
    err = capsys.readouterr().err
    assert ('organisations/northfield/social-media.yaml:10: adopts.version: warning: adopts version 2.0 of model-nhs/social-media, '
            "whose current version is 2.1; `policygen drift northfield/social-media` shows the differences") in err


def test_no_adopters(tmp_path, capsys):
    root = write_models(tmp_path)
    for org in ("northfield", "southbay"):
        for path in (root / "organisations" / org).iterdir():
            path.unlink()
        (root / "organisations" / org).rmdir()
    code, out, _ = _run(root, capsys)
    assert (code, out) == (0, "no policy here adopts a model\n")


def test_naming_a_policy_that_adopts_no_model_is_wrong_usage_in_one_line(tmp_path, capsys):
    root = write_with_local(tmp_path)
    code, out, err = _run(root, capsys, "eastvale/social-media")
    assert code == 2 and not out
    assert err == "policygen drift: eastvale/social-media: adopts no model and no policy adopts it\n"
