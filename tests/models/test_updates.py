"""policygen drift --updates: the model's clause changes since each adopter's version, clean or conflict."""

from __future__ import annotations

import json
import shutil

from updates_repo import updates_repo  # noqa: F401  (the fixture)
from history.history_repo import edit
from policygen.cli import main


def _run(root, capsys, *args: str):
    code = main(["--root", str(root), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def _rows(out: str, policy: str) -> dict[str, str]:
    block = out.split(f"{policy} adopts")[1].split("\n\n")[0]
    return {line.split()[0]: " ".join(line.split()[1:]) for line in block.splitlines()[1:-1]}


def test_table_marks_each_change_clean_or_conflict(updates_repo, capsys):
    code, out, err = _run(updates_repo, capsys, "drift", "--updates")
    assert (code, err) == (0, "")
    assert "southbay/social-media adopts model-nhs/social-media 1.0; the model is now 2.0" in out
    northfield, southbay = _rows(out, "northfield/social-media"), _rows(out, "southbay/social-media")
    assert northfield["personal"] == "changed clean Staff must not share confidential {+or personal +}information online."
    assert southbay["personal"] == "changed conflict Staff must not share confidential {+or personal +}information online. (you replaced it)"
    assert southbay["concerns"].startswith("changed clean Concerns go to the Patient Experience Team, who {+acknowledge them")  # its params
    assert southbay["accessible"] == "added clean Posts from official accounts meet the accessibility standard for public sector websites."
    assert "  2 clean, 1 conflict" in out and "  3 clean, 0 conflict" in out


def test_json_and_markdown(updates_repo, capsys):
    code, out, _ = _run(updates_repo, capsys, "drift", "--updates", "southbay/social-media", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["not_checked"] == []
    [southbay] = data["updates"]
    assert [(c["id"], c["change"], c["verdict"], c["why"]) for c in southbay["clauses"]] == [
        ("personal", "changed", "conflict", "you replaced it"), ("accessible", "added", "clean", None), ("concerns", "changed", "clean", None)]
    assert {"op": "insert", "text": "or personal "} in southbay["clauses"][0]["diff"]
    code, out, _ = _run(updates_repo, capsys, "drift", "--updates", "southbay", "--format", "markdown")
    assert code == 0 and out.startswith("# Model updates\n")
    assert "| personal | changed | conflict | Staff must not share confidential **or personal **information online. (you replaced it) |" in out


def test_a_version_git_never_recorded_is_not_checked(updates_repo, capsys):
    edit(updates_repo / "organisations/northfield/social-media.yaml", 'version: "1.0"\n  params', 'version: "1.5"\n  params')
    code, out, _ = _run(updates_repo, capsys, "drift", "--updates")
    assert code == 0
    assert out.endswith("not checked: northfield/social-media: version 1.5 of model-nhs/social-media is not in its git history (versions recorded: 1.0, 2.0)\n")
    assert "southbay/social-media adopts" in out


def test_outside_git_says_so(updates_repo, capsys):
    shutil.rmtree(updates_repo / ".git")
    code, out, _ = _run(updates_repo, capsys, "drift", "--updates", "northfield")
    assert code == 0
    [line] = [l for l in out.splitlines() if l.startswith("not checked:")]
    assert "northfield/social-media" in line and "git" in line
