"""Reading project files as they were at a git revision (or as they are now)."""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

from policygen.problems import Problem, ProblemsFound


@dataclass(frozen=True)
class Revision:
    """A git revision, or the working tree when ``rev`` is None."""

    root: Path
    rev: str | None

    @property
    def label(self) -> str:
        return self.rev or "working tree"

    def _git(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", "-C", str(self.root), *args], capture_output=True, text=True)

    def _repo_path(self, path: Path) -> str:
        top = self._git("rev-parse", "--show-toplevel")
        if top.returncode != 0:
            raise ProblemsFound([Problem(str(self.root), 0, "", "not inside a git repository: policygen diff compares git revisions")])
        return path.resolve().relative_to(Path(top.stdout.strip()).resolve()).as_posix()

    def check(self) -> None:
        if self.rev is None:
            return
        result = self._git("rev-parse", "--verify", "--quiet", f"{self.rev}^{{commit}}")
        if result.returncode != 0:
            raise ProblemsFound([Problem(self.rev, 0, "", "no such git revision")])

    def commit(self, short: bool = False) -> str:
        """The commit id this revision names (abbreviated with ``short``); "working-tree" for the working tree."""
        if self.rev is None:
            return "working-tree"
        return self._git("rev-parse", *(["--short"] if short else []), f"{self.rev}^{{commit}}").stdout.strip()

    def read(self, path: Path) -> str | None:
        """The file's text at this revision; None if it did not exist there."""
        if self.rev is None:
            return path.read_text(encoding="utf-8") if path.is_file() else None
        result = self._git("show", f"{self.rev}:{self._repo_path(path)}")
        return result.stdout if result.returncode == 0 else None

    def author_and_date(self, path: Path) -> tuple[str, str]:
        """Who made this revision and when (ISO 8601), for tracked changes. For the working tree:
        the configured git user and the time ``path`` (the policy) was last modified, so Word has a
        date to show (a move range must carry one) and an unchanged file gives the same bytes."""
        if self.rev is None:
            name = self._git("config", "user.name").stdout.strip() or "policygen"
            when = dt.datetime.fromtimestamp(int(path.stat().st_mtime), dt.timezone.utc)
            return name, when.isoformat()
        out = self._git("log", "-1", "--format=%an%x00%aI", self.rev).stdout.strip()
        name, _, date = out.partition("\x00")
        return name or "policygen", date
