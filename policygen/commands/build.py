"""policygen build: validate, then render every targeted policy in every format, incrementally."""

from __future__ import annotations

import sys

from policygen.commands import EXIT_OK, EXIT_PROBLEMS, day_argument
from policygen.render import FORMATS


def add_parser(sub) -> None:
    p = sub.add_parser("build", help="validate, then render policies into build/<org>/<policy>.<format>")
    p.add_argument("targets", nargs="*", metavar="ORG[/POLICY]", help="limit to these (default: all)")
    p.add_argument("-f", "--format", action="append", choices=FORMATS, dest="formats", help="output format (repeatable; default: all)")
    p.add_argument("-j", "--jobs", type=int, metavar="N", help="documents rendered at once (default: the number of cores)")
    p.add_argument("--force", action="store_true", help="rebuild everything, ignoring the build cache")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but problems")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("--as-at", type=day_argument, metavar="YYYY-MM-DD",
                   help="build each policy as it stood on this date, from git history, into build/as-at/DATE/")


def run(args, project) -> int:
    from policygen.builder.run import run_build
    from policygen.commands.report import report
    from policygen.problems import ProblemsFound

    try:
        targets = project.targets(args.targets)
    except ProblemsFound as exc:
        return report(exc.problems, strict=False)
    formats = tuple(dict.fromkeys(args.formats or FORMATS))
    if args.as_at:
        return _as_at(args, project, targets, formats)
    if args.strict and not _strict_ok(args, project):
        return EXIT_PROBLEMS
    # The register page lists every policy, so only a build of all of them rewrites it.
    result = run_build(project, targets, formats, register=not args.targets, jobs=args.jobs, force=args.force, quiet=args.quiet)
    if result.note and not args.quiet:
        print(result.note, file=sys.stderr)
    code = report([p for p in result.problems if not p.warning or not args.quiet], strict=False)
    for failure in result.failed:
        print(failure, file=sys.stderr)
    _say_written(args, result.written, f"{result.unchanged} unchanged ({result.rendered} rendered)")
    if code != EXIT_OK:
        print("policies with errors were not built; the others were", file=sys.stderr)
    return EXIT_PROBLEMS if code != EXIT_OK or result.failed else EXIT_OK


def _say_written(args, written: list[str], rest: str) -> None:
    """Each file written on stdout, then the count on stderr, unless --quiet."""
    if not args.quiet:
        for path in written:
            print(f"wrote {path}")
        print(f"{len(written)} written, {rest}", file=sys.stderr)


def _strict_ok(args, project) -> bool:
    """Under --strict, any warning stops the build before anything is written."""
    from policygen.commands.report import report
    from policygen.validate.checked import load_and_check

    checked = load_and_check(project, args.targets)
    if checked.problems:
        report(checked.problems, strict=True)
        print("nothing was written", file=sys.stderr)
        return False
    return True


def _as_at(args, project, targets, formats) -> int:
    """--as-at: the version in force on the date, from git; a policy not in force then is one line, not a failure."""
    from policygen.commands.report import report
    from policygen.history.asat import build_as_at
    from policygen.problems import ProblemsFound

    try:
        result = build_as_at(project, targets, args.as_at, formats)
    except ProblemsFound as exc:  # not in a git repository: one line, as policygen diff says it
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_PROBLEMS
    code = report(result.problems, strict=False)
    for line in result.skipped:
        print(line, file=sys.stderr)
    _say_written(args, result.written, f"{result.unchanged} unchanged, {len(result.skipped)} not built")
    return code
