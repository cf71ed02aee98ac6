"""Problems found in the input, reported one line each as ``file:line: path: message``.

Every stage reports through these types, so the command line prints the same
shape whatever went wrong, and never a traceback.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    path: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        mark = "warning: " if self.warning else ""
        where = f"{self.file}:{self.line}" if self.line else self.file
        path = f" {self.path}:" if self.path else ""
        return f"{where}:{path} {mark}{self.message}"


# Problems listed per file before the rest are only counted: a file with thousands of stray
# keys gets a report one can read, and the problems not listed cost no message to work out.
MAX_LISTED = 50


def capped(problems: list[Problem], total: int | None = None) -> list[Problem]:
    """The first MAX_LISTED of a file's ``total`` problems, then one line at the next, counting the rest.

    ``problems`` need only hold the first MAX_LISTED + 1 of them.
    """
    total = len(problems) if total is None else total
    if total <= MAX_LISTED:
        return problems
    rest = problems[MAX_LISTED]
    summary = f"and {total - MAX_LISTED} more problems in this file, not listed; fix those above first"
    return [*problems[:MAX_LISTED], Problem(rest.file, rest.line, rest.path, summary)]


class ProblemsFound(Exception):
    """Raised when a stage cannot go on; carries every problem found so far."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(map(str, self.problems)))


def suggest(value: object, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the nearest valid value, or ''."""
    if not isinstance(value, str):
        return ""
    near = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{near[0]}'?)" if near else ""


def display_path(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)
