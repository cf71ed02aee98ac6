"""The ``policygen`` command.

argparse rather than a heavier CLI framework: ``policygen --help`` and
``validate`` must start fast, and nothing here imports a renderer until a
build asks for that format.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from policygen import __version__
from policygen.problems import Problem

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="policygen",
        description="Policies as structured data, rendered to accessible documents.",
    )
    p.add_argument("--version", action="version", version=f"policygen {__version__}")
    p.add_argument("--root", default=".", help="project folder holding organisations/ (default: current folder)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    v = sub.add_parser("validate", help="check policies and report every problem, one per line")
    v.add_argument("targets", nargs="*", metavar="ORG[/POLICY]", help="limit to these (default: all)")
    v.add_argument("--strict", action="store_true", help="treat warnings as errors")
    v.add_argument("--as-of", type=dt.date.fromisoformat, metavar="YYYY-MM-DD", help="date for review-date warnings (default: today)")

    from policygen.render import FORMATS

    b = sub.add_parser("build", help="validate, then render policies into build/<org>/<policy>.<format>")
    b.add_argument("targets", nargs="*", metavar="ORG[/POLICY]", help="limit to these (default: all)")
    b.add_argument("-f", "--format", action="append", choices=FORMATS, dest="formats", help="output format (repeatable; default: all)")
    b.add_argument("--strict", action="store_true", help="treat warnings as errors")

    s = sub.add_parser("schema", help="write the JSON Schema for editors into schema/")
    s.add_argument("--check", action="store_true", help="only report whether schema/ is up to date")
    return p


def _report(problems: list[Problem], strict: bool) -> int:
    errors = [p for p in problems if not p.warning or strict]
    for problem in problems:
        print(problem, file=sys.stderr)
    warnings = len(problems) - len([p for p in problems if not p.warning])
    print(f"{len([p for p in problems if not p.warning])} error(s), {warnings} warning(s)", file=sys.stderr)
    return EXIT_PROBLEMS if errors else EXIT_OK


def _validate(args, project) -> int:
    from policygen.pipeline import load_and_check

    checked = load_and_check(project, args.targets, args.as_of)
    code = _report(checked.problems, args.strict)
    if code == EXIT_OK:
        print(f"{len(checked.documents)} polic{'y' if len(checked.documents) == 1 else 'ies'} valid")
    return code


def _build(args, project) -> int:
    from policygen.pipeline import build, load_and_check
    from policygen.render import FORMATS

    checked = load_and_check(project, args.targets)
    code = _report(checked.problems, args.strict)
    if code != EXIT_OK:
        print("nothing was written", file=sys.stderr)
        return code
    formats = tuple(args.formats or FORMATS)
    for target, path, changed in build(project, checked.documents, formats):
        print(f"{'wrote' if changed else 'unchanged'} {path}")
    return EXIT_OK


def _schema(args, project) -> int:
    from policygen.schema import schema_files, stale_schemas
    from policygen.write import write_if_changed

    stale = stale_schemas(project.schema_dir)
    if args.check:
        for name in stale:
            print(f"schema/{name}: out of date with the models; run `policygen schema`", file=sys.stderr)
        return EXIT_PROBLEMS if stale else EXIT_OK
    for name, data in schema_files().items():
        if write_if_changed(project.schema_dir / name, data):
            print(f"wrote schema/{name}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from policygen.project import Project

    project = Project(Path(args.root).resolve())
    command = {"validate": _validate, "build": _build, "schema": _schema}[args.command]
    try:
        return command(args, project)
    except KeyboardInterrupt:
        print("interrupted; nothing half-written was left behind", file=sys.stderr)
        return 130
