"""Policies kept in git with made-up dates, for the history tests.

Commits carry fixed authors and dates (GIT_AUTHOR_DATE / GIT_COMMITTER_DATE), so commit ids,
and every output made from them, are the same on every run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from acme import ORG, POLICY
from conftest import ROOT, scratch_project
from library import write_library
from policygen.cli import main


def git(root: Path, *args: str, date: str = "2024-01-01", who: str = "Policy Office") -> str:
    stamp = f"{date}T09:00:00+00:00"
    env = {**os.environ, "GIT_AUTHOR_NAME": who, "GIT_AUTHOR_EMAIL": "po@example.org", "GIT_COMMITTER_NAME": who,
           "GIT_COMMITTER_EMAIL": "po@example.org", "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True, env=env).stdout


def commit(root: Path, message: str, date: str, who: str = "Policy Office") -> str:
    git(root, "add", "-A", date=date)
    git(root, "commit", "-qm", message, date=date, who=who)
    return git(root, "rev-parse", "HEAD").strip()


def start(root: Path, date: str) -> None:
    git(root, "init", "-q", "-b", "main")
    commit(root, "the library", date)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def review(root: Path, target: str, *args: str) -> None:
    assert main(["--root", str(root), "review", target, *args]) == 0


FILE = "organisations/acme/social-media.yaml"


@pytest.fixture
def acme_history(tmp_path: Path, capsys) -> Path:
    """The acme policy through five commits (tests.history.repo), shared by the history tests.
    
    - 2024-01-10  1.0 approved 10 Jan 2024, issued (so in force) 1 Feb 2024
    - 2024-03-05  1.0 corrected: "our accounts" becomes "the trust's accounts"
    - 2024-06-01  1.1 drafted: status draft, a clause reworded ("DRAFT WORDING")
    - 2025-01-10  2.0 approved 10 Jan 2025 by the Board, in force from 1 Mar 2025
    - 2025-04-01  2.1 drafted (status draft)
    """
    root = tmp_path / "p"
    root.mkdir()
    scratch_project(root, ORG, POLICY.replace("  issued: 2024-02-01\n", "  issued: 2024-02-01\n  effective: 2024-02-01\n"))
    start(root, "2024-01-10")
    policy = root / FILE
    edit(policy, "runs our accounts", "runs the trust's accounts")
    commit(root, "1.0: correct a word", "2024-03-05")
    review(root, "acme/social-media", "--draft", "--date", "2024-06-01", "--description", "Draft")
    edit(policy, "It applies to all staff", "DRAFT WORDING: it applies to all staff")
    commit(root, "1.1 draft", "2024-06-01")
    edit(policy, "DRAFT WORDING: it applies to all staff", "It applies to every member of staff")
    review(root, "acme/social-media", "--version", "2.0", "--date", "2025-01-10", "--approved-by", "Trust Board",
           "--effective", "2025-03-01", "--description", "Scope widened", "--sections", "2.1 reworded")
    commit(root, "2.0 approved", "2025-01-10", who="Jo Bloggs")
    review(root, "acme/social-media", "--draft", "--date", "2025-04-01", "--description", "Draft")
    commit(root, "2.1 draft", "2025-04-01")
    capsys.readouterr()
    return root


@pytest.fixture
def library(tmp_path: Path, capsys) -> Path:
    """The test library (issued 1 Feb 2025) committed on 1 Feb 2025; southbay's records policy renamed
    in June; northfield's information governance policy approved as 2.0 on 1 Sep 2025."""
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

