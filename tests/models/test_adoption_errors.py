"""Bad adoptions: one located line each, exit 1, and nothing written for the policy."""

from __future__ import annotations

from pathlib import Path

import pytest

from models_project import MODEL, NORTHFIELD, SOUTHBAY, write_models
from policygen.cli import main

MODEL_FILE = "organisations/model-nhs/social-media.yaml"
NORTHFIELD_FILE = "organisations/northfield/social-media.yaml"
SOUTHBAY_FILE = "organisations/southbay/social-media.yaml"


def _line(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


CASES = {
    "unknown model": (
        SOUTHBAY_FILE, SOUTHBAY.replace("policy: model-nhs/social-media", "policy: model-nhs/social-medai"),
        "policy: model-nhs/social-medai", "adopts.policy",
        "no model policy model-nhs/social-medai: there is no organisations/model-nhs/social-medai.yaml (did you mean 'model-nhs/social-media'?)"),
    "not a model": (
        SOUTHBAY_FILE, SOUTHBAY.replace("policy: model-nhs/social-media", "policy: northfield/social-media"),
        "policy: northfield/social-media", "adopts.policy",
        "northfield/social-media is not a model: organisations/northfield/organisation.yaml does not say model: true"),
    "replace unknown clause": (
        SOUTHBAY_FILE, SOUTHBAY.replace("    personal: Staff", "    persnal: Staff"),
        "persnal:", "adopts.replace.persnal", "model-nhs/social-media has no block with text 'persnal' (did you mean 'personal'?)"),
    "remove unknown clause": (
        SOUTHBAY_FILE, SOUTHBAY.replace("policy-review: The ICB", "policy-reveiw: The ICB"),
        "policy-reveiw:", "adopts.remove.policy-reveiw", "model-nhs/social-media has no block 'policy-reveiw' (did you mean 'policy-review'?)"),
    "add after unknown clause": (
        SOUTHBAY_FILE, SOUTHBAY.replace("after: duties", "after: dutys"),
        "after: dutys", "adopts.add[0].after", "model-nhs/social-media has no block 'dutys' (did you mean 'duties'?)"),
    "param the model does not declare": (
        SOUTHBAY_FILE, SOUTHBAY.replace("complaints-team: Patient", "complaint-team: Patient"),
        "complaint-team:", "adopts.params.complaint-team",
        "model-nhs/social-media has no param complaint-team (did you mean 'complaints-team'?); it declares complaints-team, response-days"),
    "param missing": (
        NORTHFIELD_FILE, NORTHFIELD.replace("  params:\n    complaints-team: Patient Advice and Liaison Service\n", ""),
        "adopts:", "adopts",
        "the model's param complaints-team (The team that answers concerns about posts) has no default: set it under adopts.params"),
    "model text uses an undeclared param": (
        MODEL_FILE, MODEL.replace("{param:complaints-team}", "{param:complaint-team}"),
        "- {id: concerns", "sections[1].blocks[1].text", "{param:complaint-team} is not declared under params (did you mean 'complaints-team'?)"),
    "params outside a model": (
        NORTHFIELD_FILE, NORTHFIELD + "params:\n  x: {description: X}\n",
        "params:\n  x", "params", "only a model body's policy declares params; an adopter sets the model's under adopts.params"),
    "a model adopting": (
        MODEL_FILE, MODEL + "adopts: {policy: model-nhs/social-media, version: '2.0'}\n",
        "adopts:", "adopts", "a model body's policy is a model: it cannot adopt another (adoptions do not chain)"),
    "sections beside adopts": (
        NORTHFIELD_FILE, NORTHFIELD + "sections: []\n",
        "sections:", "sections", "an adopting policy takes its sections from the model: list only the differences under adopts (replace, remove, add)"),
}


@pytest.mark.parametrize("case", CASES)
def test_located_error(tmp_path, capsys, case):
    file, text, needle, path, message = CASES[case]
    root = write_models(tmp_path)
    (root / file).write_text(text, encoding="utf-8")
    assert main(["--root", str(root), "build", "-f", "md", "--quiet"]) == 1
    err = capsys.readouterr().err
    expected = f"{file}:{_line(text, needle)}: {path}: {message}"
    assert expected in err.splitlines(), err
    assert "Traceback" not in err
    org = Path(file).parent.name
    assert not (root / "build" / org / "social-media.md").exists()


def test_a_bad_adoption_stops_the_build_before_writing(tmp_path, capsys):
    """A bad adoption found on a rebuild leaves the earlier output as it was."""
    root = write_models(tmp_path)
    assert main(["--root", str(root), "build", "-f", "md", "--quiet"]) == 0
    written = (root / "build" / "southbay" / "social-media.md").read_bytes()
    (root / SOUTHBAY_FILE).write_text(SOUTHBAY.replace("after: duties", "after: dutys"), encoding="utf-8")
    assert main(["--root", str(root), "build", "-f", "md", "--quiet"]) == 1
    assert (root / "build" / "southbay" / "social-media.md").read_bytes() == written


def test_problems_in_the_written_out_body_are_located_in_the_adopters_file(tmp_path, capsys):
    """A check of the written-out policy points at the adopter's own words, or names the model's
    block, never at a line of sections the adopter's file does not have."""
    root = write_models(tmp_path)
    org = root / "organisations" / "southbay" / "organisation.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("roles:\n  comms: {title: Head of Communications}\n", ""), encoding="utf-8")
    text = (SOUTHBAY.replace("personal: Staff must", "personal: Staff {role:nobody} must")
            .replace("topics: [responsibilities], text: \"Managers", "topics: [nonsense], text: \"Managers"))
    (root / SOUTHBAY_FILE).write_text(text, encoding="utf-8")
    assert main(["--root", str(root), "validate", "southbay"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert f"{SOUTHBAY_FILE}:{_line(text, 'policy: model-nhs')}: adopts.policy: in the model's block duties: {{role:comms}} is not in southbay's role register" in err
    assert f"{SOUTHBAY_FILE}:{_line(text, 'personal:')}: adopts.replace.personal: {{role:nobody}} is not in southbay's role register" in err
    assert f"{SOUTHBAY_FILE}:{_line(text, '- {id: managers')}: adopts.add[0].blocks[0]: 'nonsense' is not in vocabulary/topics.yaml" in err
    assert not any("sections[" in line for line in err)
