"""History across a library of several organisations and kinds, with a renamed policy."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import ROOT
from history_repo import commit, edit, review, start
from library import write_library
from policygen.cli import main
from policygen.history import timelines
from policygen.project import Project


@pytest.fixture
def library(tmp_path: Path, capsys) -> Path:
    """The test library (issued 1 Feb 2025) committed on 1 Feb 2025; southbay's records policy renamed
    in June; northfield's information governance policy approved as 2.0 on 1 Sep 2025."""
    import shutil

    root = tmp_path / "lib"
    for name in ("templates", "vocabulary"):
        shutil.copytree(ROOT / name, root / name)
    write_library(root)
    start(root, "2025-02-01")
    old, new = root / "organisations/southbay/records-management.yaml", root / "organisations/southbay/records.yaml"
    old.rename(new)
    edit(new, "id: records-management", "id: records")
    commit(root, "rename", "2025-06-01")
    review(root, "northfield/information-governance", "--version", "2.0", "--date", "2025-09-01",
           "--description", "Annual review")
    commit(root, "IG 2.0", "2025-09-01")
    capsys.readouterr()
    return root


def test_a_renamed_policy_keeps_its_versions(library):
    project = Project(library)
    spans = timelines(project, project.targets(None))
    renamed = next(t for t in spans if t.policy_id == "records")
    assert [s.version for s in spans[renamed]] == ["1.0"]
    assert [t.path for t in spans[renamed][0].commits] == ["organisations/southbay/records-management.yaml",
                                                          "organisations/southbay/records.yaml"]
    ig = next(t for t in spans if str(t) == "northfield/information-governance")
    assert [(s.version, str(s.effective)) for s in spans[ig]] == [("1.0", "2025-02-01"), ("2.0", "2025-09-01")]


def test_as_at_builds_the_whole_library_from_its_history(library, capsys):
    assert main(["--root", str(library), "build", "--as-at", "2025-03-01", "-f", "md"]) == 0
    built = sorted(p.relative_to(library / "build/as-at/2025-03-01").as_posix() for p in (library / "build/as-at").rglob("*.md"))
    assert built == ["northfield/information-governance.md", "northfield/safeguarding-adults.md",
                     "southbay/information-governance.md", "southbay/records.md",
                     "westmoor/health-and-safety.md", "westmoor/safeguarding-adults.md"]
    # named as it is now, built from the file as it was then
    assert "version 1.0, in force from 1 February 2025 (current)" in (library / "build/as-at/2025-03-01/southbay/records.md").read_text()
    ig = (library / "build/as-at/2025-03-01/northfield/information-governance.md").read_text()
    assert "version 1.0, in force from 1 February 2025 to 1 September 2025" in ig
