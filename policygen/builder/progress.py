"""How far a build has got: a live bar on a terminal, plain lines in a log, nothing with --quiet."""

from __future__ import annotations

import sys


class Progress:
    """A live bar on a terminal, plain lines in logs, nothing when quiet."""

    def __init__(self, total: int, quiet: bool) -> None:
        self.total, self.done = total, 0
        self.bar = None
        self.quiet = quiet
        if not quiet and total > 3 and sys.stderr.isatty():
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(TextColumn("building"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("", total=total)

    def step(self, label: str) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.update(self.task, advance=1, description=label)
        elif not self.quiet and self.total > 3:
            print(f"[{self.done}/{self.total}] {label}", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
