"""`policygen diff` of an adopting policy between git revisions: each side written out from the
model as it was at that revision, so a change to the model shows in the adopter's diff."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from models_project import write_models
from policygen.cli import main


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), "-c", "user.name=Policy Office", "-c", "user.email=po@example.org", *args],
                   check=True, capture_output=True)


def test_a_model_change_shows_in_the_adopters_diff(tmp_path, capsys):
    root = write_models(tmp_path)
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "model 2.0")
    model = root / "organisations" / "model-nhs" / "social-media.yaml"
    model.write_text(model.read_text(encoding="utf-8").replace("runs the official accounts", "runs every official account"), encoding="utf-8")
    _git(root, "commit", "-qam", "model reworded")
    assert main(["--root", str(root), "diff", "southbay/social-media", "HEAD~1", "HEAD", "--format", "json", "--no-redline"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(c["id"], c["kind"], c["old"], c["new"]) for c in data["changes"]] == [("duties", "reworded", "1.3", "1.3")]
    changed = "".join(text for op, text in data["changes"][0]["words"] if op != "equal")
    assert "every" in changed and "the" in changed
