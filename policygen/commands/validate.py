"""policygen validate: every problem in the data, one line each."""

from __future__ import annotations


from policygen.commands import EXIT_OK, day_argument
from policygen.commands.report import report


def add_parser(sub) -> None:
    p = sub.add_parser("validate", help="check policies and report every problem, one per line")
    p.add_argument("targets", nargs="*", metavar="ORG[/POLICY]", help="limit to these (default: all)")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("--as-of", type=day_argument, metavar="YYYY-MM-DD", help="date for review-date warnings (default: today)")


def run(args, project) -> int:
    from policygen.validate.checked import load_and_check

    checked = load_and_check(project, args.targets, args.as_of)
    code = report(checked.problems, args.strict)
    if code == EXIT_OK:
        n = len(checked.documents)
        print(f"{n} polic{'y' if n == 1 else 'ies'} valid")
    return code
