"""policygen changes --since DATE: every policy with a new version since then, with its redline.

The committee paper (``--format markdown``) or a new member of staff's reading list: each
version approved or in force in the period (policygen.history.since says why both), newest
first, with old → new version, dates, who approved it, the change summary and the redline
written beside the build.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys

from policygen.commands import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, day_argument


def add_parser(sub) -> None:
    p = sub.add_parser("changes", help="list every policy with a new version since a date, with redlines (from git)")
    p.add_argument("--since", type=day_argument, required=True, metavar="YYYY-MM-DD", help="the first day of the period")
    p.add_argument("--until", type=day_argument, metavar="YYYY-MM-DD", help="the last day of the period (default: today)")
    p.add_argument("--org", metavar="ID", help="only this organisation's policies")
    p.add_argument("--format", choices=["table", "markdown", "json"], default="table",
                   help="table (terminal), markdown (the committee paper) or json")
    p.add_argument("--no-redline", action="store_true", help="do not write the redlines")
    p.add_argument("--force", action="store_true",
                   help="replace redlines of the same name that another comparison made (by default they are left alone)")


def run(args, project) -> int:
    from policygen.history.since import new_versions, write_redline
    from policygen.problems import ProblemsFound

    until = args.until or dt.date.today()
    if until < args.since:
        print(f"policygen changes: --until {until} is before --since {args.since}", file=sys.stderr)
        return EXIT_USAGE
    try:
        items = new_versions(project, project.targets([args.org] if args.org else None), args.since, until)
        if not args.no_redline:
            for item in items:
                write_redline(project, item, force=args.force)
    except ProblemsFound as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_PROBLEMS
    {"table": _table, "markdown": _markdown, "json": _json}[args.format](items, args.since, until)
    for item in items:
        if item.note and item.old is not None:
            print(f"{item.target}: version {item.new.version}: {item.note}", file=sys.stderr)
    return EXIT_OK


def _state(item, until: dt.date, date) -> str:
    """'in force from 1 March 2025 (current)', or 'approved, in force from …', as on the period's last day."""
    return item.new.standing(until, date).split(", ", 1)[1]


def _row(item, until: dt.date) -> dict:
    new, old = item.new, item.old
    return {
        "organisation": item.target.org_id, "policy": item.target.policy_id, "title": item.title,
        "from_version": old.version if old else None, "to_version": new.version,
        "approved": str(new.approved) if new.approved else None, "approved_by": new.approved_by,
        "effective": str(new.effective), "until": str(new.until) if new.until else None,
        "state": new.state(until), "summary": new.summary, "commit": new.last.commit, "redlines": item.redlines,
    }


def _json(items, since: dt.date, until: dt.date) -> None:
    json.dump({"since": since.isoformat(), "until": until.isoformat(), "versions": [_row(i, until) for i in items]},
              sys.stdout, indent=2, ensure_ascii=False)
    print()


def _table(items, since: dt.date, until: dt.date) -> None:
    print(f"{len(items)} new version(s) from {since} to {until}, newest first")
    for item in items:
        row = _row(item, until)
        approval = "".join(f" {word} {row[key]}" for word, key in (("approved", "approved"), ("by", "approved_by")) if row[key])
        print(f"{item.when}  {item.target}  {row['from_version'] or 'new'} → {row['to_version']}  "
              f"{_state(item, until, str)}{';' + approval if approval else ''}")
        if row["summary"]:
            print(f"    {row['summary']}")
        if item.redlines:
            print(f"    redline: {item.redlines[0]}")


def _md(text: str | None) -> str:
    """Policy text as Markdown that shows it as written: data, never markup (a table cell's bar included)."""
    return re.sub(r"([\\`*_\[\]<>|#!])", r"\\\1", " ".join((text or "").split()))


def _markdown(items, since: dt.date, until: dt.date) -> None:
    from policygen.model.base import PolicyDate
    from policygen.resolve.values import format_date

    def date(d) -> str:
        if isinstance(d, dt.date):
            d = PolicyDate(d.year, d.month, d.day)
        return format_date(d, "long")

    print(f"# Policy changes from {date(since)} to {date(until)}\n")
    print(f"{len(items)} new version(s), newest first. A version is listed when it was approved or came into force "
          "in the period; effective dates say when it is in force, not the date it was recorded.\n")
    for item in items:
        new = item.new
        print(f"## {_md(item.title)} ({_md(str(item.target))})\n")
        print("| | |\n|---|---|")
        print(f"| Version | {_md(item.old.version) + ' → ' if item.old else 'new policy, '}{_md(new.version)} |")
        if new.approved or new.approved_by:
            print(f"| Approved | {date(new.approved) if new.approved else ''}{' by ' + _md(new.approved_by) if new.approved_by else ''} |")
        print(f"| Status | {_md(_state(item, until, date))} |")
        print(f"| What changed | {_md(new.summary) or 'no change summary recorded'} |")
        if item.redlines:
            links = " · ".join(f"[{label}](<{path}>)" for label, path in zip(("Redline", "Word, tracked changes", "Changes only"), item.redlines))
            print(f"| Redline | {links} |")
        print()
