"""policygen build: validate, then render every targeted policy in every format."""

from __future__ import annotations

import sys

from policygen.commands import EXIT_OK
from policygen.commands.report import report
from policygen.render import FORMATS


def register(sub) -> None:
    p = sub.add_parser("build", help="validate, then render policies into build/<org>/<policy>.<format>")
    p.add_argument("targets", nargs="*", metavar="ORG[/POLICY]", help="limit to these (default: all)")
    p.add_argument("-f", "--format", action="append", choices=FORMATS, dest="formats", help="output format (repeatable; default: all)")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")


def run(args, project) -> int:
    from policygen.pipeline import build, load_and_check

    checked = load_and_check(project, args.targets)
    code = report(checked.problems, args.strict)
    if code != EXIT_OK:
        print("nothing was written", file=sys.stderr)
        return code
    # The register page lists every policy, so only a build of all of them rewrites it.
    outputs = build(project, checked.documents, tuple(args.formats or FORMATS), register=not args.targets)
    for _target, path, changed in outputs:
        print(f"{'wrote' if changed else 'unchanged'} {path}")
    return EXIT_OK
