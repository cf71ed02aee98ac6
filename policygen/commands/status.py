"""policygen status: the policy register, sorted by urgency."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys

from policygen.commands import EXIT_OK, EXIT_PROBLEMS, day_argument, days_argument

COLUMNS = ["Organisation", "Policy", "Reference", "Version", "Status", "Owner", "Approved by", "Approved", "Next review", "State"]
SHOWN = {"overdue": {"overdue"}, "due": {"overdue", "due"}}  # --overdue, --due: which states are listed


def add_parser(sub) -> None:
    p = sub.add_parser("status", help="the policy register: what is current, due or overdue for review")
    p.add_argument("targets", nargs="*", metavar="ORG[/POLICY]", help="limit to these (default: all)")
    p.add_argument("--as-of", type=day_argument, metavar="YYYY-MM-DD", help="the day to judge from (default: today)")
    p.add_argument("--within", type=days_argument, default=90, metavar="DAYS", help="call a review 'due' this many days ahead (default: 90)")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    only = p.add_mutually_exclusive_group()
    only.add_argument("--overdue", dest="only", action="store_const", const="overdue", help="list only policies past their review date")
    only.add_argument("--due", dest="only", action="store_const", const="due", help="list only policies due within --within days or overdue")
    p.add_argument("--fail-if-overdue", action="store_true", help="exit 1 if any policy listed is overdue (for a scheduled job)")


def _rows(items, as_of, within):
    for e in items:
        yield [
            e.org_name, e.title, e.reference, e.version, e.status, e.owner, e.committee,
            e.approved_on.iso() if e.approved_on else "",
            (e.next_review.iso() if e.next_review else "") + (" (from rule)" if e.derived else ""),
            str(e.state(as_of, within)),
        ]


def _table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [COLUMNS, *rows]) for i in range(len(COLUMNS))]
    line = lambda r: "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()  # noqa: E731
    return "\n".join([line(COLUMNS), line(["-" * w for w in widths]), *map(line, rows)])


def run(args, project) -> int:
    from policygen.commands.report import report
    from policygen.validate.checked import load_and_check
    from policygen.review.register import by_urgency, entries

    as_of = args.as_of or dt.date.today()
    checked = load_and_check(project, args.targets, as_of)
    if checked.errors:
        report(checked.errors, strict=False)
        return EXIT_PROBLEMS
    items = by_urgency(entries(checked.documents), as_of, args.within)
    if args.only:
        items = [e for e in items if e.state(as_of, args.within).kind in SHOWN[args.only]]
    if args.format == "json":
        json.dump({"as_of": as_of.isoformat(), "within_days": args.within, "policies": [e.as_dict(as_of, args.within) for e in items]}, sys.stdout, indent=2)
        print()
    elif args.format == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(_rows(items, as_of, args.within))
        sys.stdout.write(buf.getvalue())
    else:
        print(f"Policy register as of {as_of.isoformat()} (due = within {args.within} days)\n")
        print(_table(list(_rows(items, as_of, args.within))))
    overdue = sum(e.state(as_of, args.within).kind == "overdue" for e in items)
    if args.fail_if_overdue and overdue:
        print(f"{overdue} {'policy is' if overdue == 1 else 'policies are'} overdue for review", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK
