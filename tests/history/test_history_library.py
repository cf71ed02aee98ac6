"""History across a library of several organisations and kinds, with a renamed policy."""

from __future__ import annotations

from history_repo import library  # noqa: F401  (the fixture)
from policygen.cli import main
from policygen.history import timelines
from policygen.project import Project


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
