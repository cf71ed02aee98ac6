"""Three approved versions, each in force some weeks after its approval: `build --as-at` before,
between and after them gives the version in force, and its document is the one a build of that
commit makes, with only the statement of when it was in force added."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from acme import ORG, POLICY
from conftest import scratch_project
from history_repo import FILE, commit, edit, review, start
from policygen.cli import main

# (approved, effective, the words the version says)
VERSIONS = [
    ("2024-01-10", "2024-02-01", "runs our accounts"),
    ("2024-09-02", "2024-10-01", "runs the trust's accounts"),
    ("2025-05-12", "2025-07-01", "runs the accounts of the trust"),
]


@pytest.fixture
def three(tmp_path: Path, capsys) -> tuple[Path, list[str]]:
    root = tmp_path / "p"
    root.mkdir()
    scratch_project(root, ORG, POLICY.replace("  issued: 2024-02-01\n", "  issued: 2024-02-01\n  effective: 2024-02-01\n"))
    start(root, VERSIONS[0][0])
    commits = [subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()]
    for (approved, effective, words), (_, _, before) in zip(VERSIONS[1:], VERSIONS):
        edit(root / FILE, before, words)
        review(root, "acme/social-media", "--major", "--date", approved, "--effective", effective, "--description", "Reworded")
        commits.append(commit(root, f"approved {approved}", approved))
    capsys.readouterr()
    return root, commits


def _as_at(root: Path, day: str) -> str | None:
    assert main(["--root", str(root), "build", "--as-at", day, "-f", "md", "-f", "html"]) == 0
    out = root / f"build/as-at/{day}/acme/social-media.md"
    return out.read_text(encoding="utf-8") if out.exists() else None


def _built_at(root: Path, commit: str, tmp: Path) -> dict[str, str]:
    """A plain `policygen build` of a clone checked out at ``commit``."""
    clone = tmp / commit[:7]
    subprocess.run(["git", "clone", "-q", str(root), str(clone)], check=True)
    subprocess.run(["git", "-C", str(clone), "checkout", "-q", commit], check=True)
    assert main(["--root", str(clone), "build", "acme/social-media", "-f", "md", "-f", "html", "-q"]) == 0
    return {ext: (clone / f"build/acme/social-media.{ext}").read_text(encoding="utf-8") for ext in ("md", "html")}


def _without_statement(root: Path, day: str) -> dict[str, str]:
    base = root / f"build/as-at/{day}/acme/social-media"
    md = re.sub(r"> As it stood on [^\n]*\n\n", "", base.with_suffix(".md").read_text(encoding="utf-8"), count=1)
    html = re.sub(r'<p class="subtitle standing" role="note">As it stood on [^<]*</p>', "",
                  base.with_suffix(".html").read_text(encoding="utf-8"), count=1)
    return {"md": md, "html": html}


def test_before_between_and_after_the_versions(three, capsys):
    root, _ = three
    assert _as_at(root, "2024-01-20") is None  # approved, not yet in force
    assert "not yet in force" in capsys.readouterr().err
    cases = {
        "2024-03-01": ("1.0", VERSIONS[0][2]),
        "2024-09-15": ("1.0", VERSIONS[0][2]),  # 2.0 approved on 2 September, in force from 1 October
        "2024-10-01": ("2.0", VERSIONS[1][2]),
        "2025-06-01": ("2.0", VERSIONS[1][2]),  # 3.0 approved in May, in force from July
        "2025-08-01": ("3.0", VERSIONS[2][2]),
    }
    for day, (version, words) in cases.items():
        text = _as_at(root, day)
        assert f": version {version}, in force from" in text, day
        others = [w for _, _, w in VERSIONS if w != words]
        assert words in text.replace("’", "'") and not any(w in text.replace("’", "'") for w in others), day


def test_each_is_the_document_a_build_of_that_commit_makes(three, tmp_path):
    root, commits = three
    for day, commit_made in (("2024-09-15", commits[0]), ("2025-06-01", commits[1]), ("2025-08-01", commits[2])):
        _as_at(root, day)
        assert _without_statement(root, day) == _built_at(root, commit_made, tmp_path), day


def test_an_as_at_build_is_byte_identical_when_run_again(three):
    root, _ = three
    _as_at(root, "2025-06-01")
    base = root / "build/as-at/2025-06-01/acme"
    first = {p.name: p.read_bytes() for p in base.iterdir()}
    for p in base.iterdir():
        p.unlink()
    _as_at(root, "2025-06-01")
    assert {p.name: p.read_bytes() for p in base.iterdir()} == first
