"""examples/model-policies: a user follows its README, so it validates without a warning,
builds, and drift reports each adopter."""

from __future__ import annotations

import shutil

from conftest import ROOT
from policygen.cli import main


def test_example_validates_builds_and_drifts(tmp_path, capsys):
    root = tmp_path / "model-policies"
    shutil.copytree(ROOT / "examples" / "model-policies", root, symlinks=False, ignore=shutil.ignore_patterns("build"))
    assert main(["--root", str(root), "validate", "--strict"]) == 0
    assert main(["--root", str(root), "build", "-f", "html", "--quiet"]) == 0
    assert "Adopts Model Social Media Policy version 2.0" in (root / "build" / "southbay" / "social-media.html").read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["--root", str(root), "drift"]) == 0
    out = capsys.readouterr().out
    assert "northfield/social-media adopts model-nhs/social-media" in out and "1 removed, 1 added" in out
