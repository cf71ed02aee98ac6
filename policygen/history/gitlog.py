"""Which commits touched each policy file, and the file's bytes at each, in two git processes.

A library of 300 policies with a long history must not cost a git process per
commit or per policy: one ``git log --name-status`` over ``organisations/``
lists every change (renames included, so a policy keeps its past under its
old name), and one ``git cat-file --batch`` reads every version of every file.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

from policygen.problems import Problem, ProblemsFound

_HEADER = "\x01"  # starts each commit's line in the log, before its id, date and author


@dataclass(frozen=True)
class Touch:
    """One commit that changed a policy file: ``path`` is the file's name then (repository-relative);
    ``deleted`` when the commit removed it."""

    commit: str
    date: dt.date  # the author date: when the change was made, kept by rebases and cherry-picks
    author: str
    path: str
    deleted: bool = False


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    result = subprocess.run(["git", "-C", str(root), "-c", "core.quotePath=false", *args],
                            input=stdin, capture_output=True)
    if result.returncode != 0:
        raise ProblemsFound([Problem(str(root), 0, "", "not inside a git repository with commits: the history of a policy is read from git")])
    return result.stdout


def repo_top(root: Path) -> Path:
    """The repository's top folder; ProblemsFound (one line) outside a repository."""
    return Path(_git(root, "rev-parse", "--show-toplevel").decode().strip()).resolve()


def touches(root: Path, files: list[Path]) -> dict[Path, list[Touch]]:
    """For each file (as it is named now), the commits that changed it, newest first, following
    renames back: past a rename the older commits are those of its old name."""
    top = repo_top(root)
    folders = sorted({f.resolve().parent.parent.relative_to(top).as_posix() for f in files})
    log = _git(root, "log", "-M", "--name-status", f"--format={_HEADER}%H%x00%aI%x00%an", "--", *folders).decode("utf-8", "replace")
    tracked = {f.resolve().relative_to(top).as_posix(): f for f in files}  # name at the commit being read → file now
    found: dict[Path, list[Touch]] = {f: [] for f in files}
    commit = ""
    date, author = dt.date.min, ""
    for line in log.splitlines():
        if line.startswith(_HEADER):
            commit, iso, author = line[1:].split("\x00")
            date = dt.date.fromisoformat(iso[:10])
            continue
        status, *paths = line.split("\t")
        if not paths:
            continue
        name = paths[-1]
        if name not in tracked:
            continue
        file = tracked[name]
        found[file].append(Touch(commit, date, author, name, deleted=status.startswith("D")))
        if status.startswith("R"):
            tracked[paths[0]] = tracked.pop(name)
        elif status.startswith("A"):
            del tracked[name]  # created here: an older file of this name was another policy
    return found


def read_all(root: Path, specs: list[tuple[str, str]]) -> list[bytes | None]:
    """The bytes of each (commit, repository-relative path), None where it is missing, in one process."""
    if not specs:
        return []
    out = _git(root, "cat-file", "--batch", stdin="".join(f"{c}:{p}\n" for c, p in specs).encode())
    blobs: list[bytes | None] = []
    at = 0
    for _ in specs:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) < 3 or header[1] != b"blob":
            blobs.append(None)
            continue
        size = int(header[2])
        blobs.append(out[at:at + size])
        at += size + 1
    return blobs
