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
