"""policygen review ORG/POLICY: record a new version after approval.

Bumps the version, adds a version control row, sets status, approval and
ratification, and the next review date from the rule, editing the YAML in
place without losing a comment. Shows the change as a diff first; writes
nothing with --dry-run, and nothing if the result would not validate.
"""

from __future__ import annotations

import datetime as dt
import difflib
import sys

from policygen.commands import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, date_argument, day_argument


def add_parser(sub) -> None:
    p = sub.add_parser("review", help="record a new version after approval (edits the YAML, keeps comments)")
    p.add_argument("target", metavar="ORG/POLICY")
    kind = p.add_mutually_exclusive_group()
    kind.add_argument("--major", dest="kind", action="store_const", const="major", help="a new approved version: 1.0 → 2.0 (default)")
    kind.add_argument("--minor", dest="kind", action="store_const", const="minor", help="a minor approved change: 1.0 → 1.1 (keeps the review date; needs no ratification)")
    kind.add_argument("--draft", dest="kind", action="store_const", const="draft", help="a draft: 0.1 → 0.2 (status draft, no approval)")
    p.add_argument("--version", help="the new version, instead of working it out")
    p.add_argument("--date", type=day_argument, metavar="YYYY-MM-DD", help="date of the approval (default: today)")
    p.add_argument("--description", default="Review", help="what changed, for the version control row (default: Review)")
    sections = p.add_mutually_exclusive_group()
    sections.add_argument("--sections", help="sections or paragraphs changed, e.g. '5.3; 7.2'")
    sections.add_argument("--changes-since", metavar="REV", help="fill the sections changed from `policygen diff` against this git revision")
    p.add_argument("--author", help="author of the change (default: the policy's author)")
    p.add_argument("--approved-by", metavar="BODY", help="approving body (default: the one on record)")
    p.add_argument("--ratified-by", metavar="BODY", help="ratifying body, if ratified")
    p.add_argument("--ratified-on", type=day_argument, metavar="YYYY-MM-DD", help="ratification date")
    p.add_argument("--issued", type=day_argument, metavar="YYYY-MM-DD", help="issue date (default, where the policy records one: the approval or ratification date)")
    p.add_argument("--effective", type=day_argument, metavar="YYYY-MM-DD",
                   help="the date the new version comes into force, when later than its approval (default, where the policy records one: the issue date)")
    p.add_argument("--next-review", type=date_argument, metavar="YYYY-MM[-DD]", help="fix the next review date instead of deriving it from the rule")
    p.add_argument("--restart-review", action="store_true", help="with --minor: restart the review cycle from this approval (by default a minor amendment keeps the review date)")
    p.add_argument("--dry-run", action="store_true", help="show the change, write nothing")
    p.add_argument("--build", action="store_true", help="rebuild the policy in every format, and the register and comparison pages, after recording")


def run(args, project) -> int:
    from policygen.commands.report import report
    from policygen.validate.checked import load_and_check
    from policygen.review.record import RecordError, record_review

    if "/" not in args.target:
        print(f"{args.target}: name one policy as ORG/POLICY", file=sys.stderr)
        return EXIT_USAGE
    checked = load_and_check(project, [args.target])
    if checked.errors or not checked.documents:
        report(checked.errors, strict=False)
        print("fix these before recording a review; nothing was written", file=sys.stderr)
        return EXIT_PROBLEMS
    doc = checked.documents[0]
    if args.changes_since:
        from policygen.diff import diff_views
        from policygen.diff.gitrev import Revision
        from policygen.diff.load import load_version
        from policygen.problems import ProblemsFound

        try:
            old = Revision(project.root, args.changes_since)
            old.check()
            args.sections = diff_views(load_version(project, doc.target, old), load_version(project, doc.target, Revision(project.root, None))).summary() or None
        except ProblemsFound as exc:
            report(exc.problems, strict=False)
            return EXIT_PROBLEMS
    try:
        result = record_review(project, doc, args, today=dt.date.today())
    except RecordError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{exc}; nothing was written", file=sys.stderr)
        return EXIT_PROBLEMS
    name = str(doc.target.policy_file.relative_to(project.root))
    sys.stdout.writelines(difflib.unified_diff(
        result.old_text.splitlines(keepends=True), result.new_text.splitlines(keepends=True), f"a/{name}", f"b/{name}"
    ))
    if args.dry_run:
        print(f"dry run: {name} was not changed", file=sys.stderr)
        return EXIT_OK
    from policygen.write import write_if_changed

    write_if_changed(doc.target.policy_file, result.new_text.encode("utf-8"))
    print(f"recorded version {result.version} of {doc.target} (next review: {result.next_review or 'none'})", file=sys.stderr)
    if args.build:
        from policygen.commands import build

        # The register and comparison pages are made from every policy, so the whole library is
        # built; the build cache skips every other policy whose outputs are up to date.
        args.targets, args.formats, args.strict = [], None, False
        args.jobs, args.force, args.quiet, args.as_at = None, False, False, None
        return build.run(args, project)
    return EXIT_OK
