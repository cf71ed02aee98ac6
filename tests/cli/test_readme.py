"""Every example command in the README runs as shown, on a copy of the shipped project.

The README's shell blocks (after the first, which installs) are read in order
and each command is run by bash from the copy's folder, as a reader would type
it, with this environment's ``policygen`` first on PATH. The copy is a git
repository with one commit, so the examples about versions in git have history.
An example must exit 0, unless its comment says otherwise ("exit 1 on the shipped
data"); one that exits otherwise, or prints a traceback, fails this test with its command.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_project

README = ROOT / "README.md"
BLOCK = re.compile(r"^```sh\n(.*?)^```", re.S | re.M)
EXPECTED = re.compile(r"\(exit (\d) on the shipped data")


def examples() -> list[str]:
    """The commands of every shell block but the first, continuation lines joined, comments kept."""
    blocks = BLOCK.findall(README.read_text(encoding="utf-8"))[1:]
    commands = []
    for block in blocks:
        for command in re.sub(r"\\\n\s*", "", block).splitlines():
            if command.strip() and not command.lstrip().startswith("#"):
                commands.append(command.strip())
    return commands


def test_the_readme_has_examples_to_run():
    assert len(examples()) >= 10
    assert all(c.split()[0] in ("policygen", "git") for c in examples()), "an example that is neither policygen nor git"


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = copy_project(tmp_path_factory.mktemp("readme"))
    (root / ".gitattributes").write_bytes((ROOT / ".gitattributes").read_bytes())
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "The shipped policies"], cwd=root, check=True)
    return root


def test_every_readme_example_runs_as_shown(repo):
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
               GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="test@example.org",
               GIT_COMMITTER_NAME="Test", GIT_COMMITTER_EMAIL="test@example.org")
    failures = []
    for command in examples():
        expected = int(m[1]) if (m := EXPECTED.search(command)) else 0
        run = subprocess.run(["bash", "-c", command], cwd=repo, env=env, capture_output=True, text=True, timeout=300)
        if run.returncode != expected or "Traceback" in run.stderr:
            failures.append(f"$ {command}\nexit {run.returncode}, expected {expected}\n{run.stderr[-600:]}")
    assert not failures, "\n\n".join(failures)


def test_the_readme_section_gitattributes_points_at_exists():
    pointer = re.search(r'see README, "([^"]+)"', (ROOT / ".gitattributes").read_text(encoding="utf-8"))
    assert pointer, ".gitattributes no longer says which README section explains it"
    section = re.search(rf"^## {re.escape(pointer[1])}\n(.*?)(?=^## )", README.read_text(encoding="utf-8"), re.S | re.M)
    assert section, f"README has no section '{pointer[1]}'"
    assert 'git config diff.policygen.textconv "policygen textconv"' in section[1]
