"""The ``policygen`` command.

argparse rather than a heavier CLI framework: ``policygen --help`` and
``validate`` must start fast. Each subcommand lives in its own module under
``policygen/commands/`` with ``add_parser(subparsers)`` and ``run(args,
project)``; nothing heavy is imported until a command runs.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

from policygen import __version__
from policygen.commands import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

COMMANDS = ["validate", "build", "status", "review", "new", "import", "diff", "changes", "compare", "search", "schema", "textconv", "drift", "adopt"]
# A command whose name Python keeps for itself lives in a module of another name.
MODULES = {"import": "import_policy"}


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="policygen",
        description="Policies as structured data, rendered to accessible documents.",
    )
    p.add_argument("--version", action="version", version=f"policygen {__version__}")
    p.add_argument("--root", default=".", help="project folder holding organisations/ (default: current folder)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"policygen.commands.{MODULES.get(name, name)}").add_parser(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:  # `policygen` alone: what it can do, as --help, not "COMMAND is required"
        parser.print_help()
        return EXIT_OK
    from policygen.problems import display_path
    from policygen.project import Project, UnknownName
    from policygen.write import CannotWrite

    project = Project(Path(args.root).resolve())
    command = importlib.import_module(f"policygen.commands.{MODULES.get(args.command, args.command)}")
    try:
        code = command.run(args, project)
        sys.stdout.flush()  # inside the try: a reader that has gone shows here, not at exit
        return code
    except BrokenPipeError:
        # `policygen status | head`: the reader has all it wanted. Nothing more to say, and
        # stdout goes nowhere so that Python's own flush at exit cannot complain either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print("interrupted; nothing half-written was left behind", file=sys.stderr)
        return 130
    except UnknownName as exc:
        for message in exc.messages:
            print(f"policygen {args.command}: {message}", file=sys.stderr)
        return EXIT_USAGE
    except CannotWrite as exc:
        print(f"policygen {args.command}: cannot write {display_path(exc.path, project.root)} ({exc.reason}); "
              "what was there before is left as it was", file=sys.stderr)
        return EXIT_PROBLEMS
