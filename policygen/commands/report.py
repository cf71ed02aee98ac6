"""Printing problems the same way for every command."""

from __future__ import annotations

import sys

from policygen.commands import EXIT_OK, EXIT_PROBLEMS
from policygen.problems import Problem


def report(problems: list[Problem], strict: bool) -> int:
    """Print each problem on its own line to stderr, then the counts; the exit code."""
    errors = [p for p in problems if not p.warning]
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(errors)} error(s), {len(problems) - len(errors)} warning(s)", file=sys.stderr)
    return EXIT_PROBLEMS if errors or (strict and problems) else EXIT_OK
