"""policygen diff ORG/POLICY REV_A [REV_B]: what changed, by clause, between two git revisions.

Prints the changes and a suggested change summary, and writes beside the build
the full redline (HTML and DOCX tracked changes) and a changes-only page, named
as policygen.diff.files says.
"""

from __future__ import annotations

import json
import sys

from policygen.commands import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE


def add_parser(sub) -> None:
    p = sub.add_parser("diff", help="compare a policy between two git revisions, clause by clause, with redlines")
    p.add_argument("target", metavar="ORG/POLICY")
    p.add_argument("rev_a", metavar="REV_A", help="the earlier git revision (e.g. the approved version's tag)")
    p.add_argument("rev_b", metavar="REV_B", nargs="?", help="the later revision (default: the working tree)")
    p.add_argument("--format", choices=["text", "json"], default="text", help="terminal output")
    p.add_argument("--no-redline", action="store_true", help="do not write the redlines")
    p.add_argument("--force", action="store_true",
                   help="replace redlines of the same name that another comparison made (by default they are left alone)")


def _print_text(diff, old_label: str, new_label: str) -> None:
    print(f"{diff.new.title} ({diff.new.org.short_name}): {old_label} → {new_label}")
    if diff.empty:
        print("no changes")
        return
    for f in diff.fields:
        print(f"  {f.field}: {f.old if f.old is not None else '(none)'} → {f.new if f.new is not None else '(none)'}")
    for c in diff.changes:
        print(f"  {c.describe()}")
        if "reworded" in c.kind:
            words = "".join(t if op == "equal" else f"[-{t}-]" if op == "delete" else f"{{+{t}+}}" for op, t in c.words)
            print("      " + " ".join(words.split()))
    print(f"suggested change summary: {diff.summary()}")


def run(args, project) -> int:
    from policygen.diff import diff_views
    from policygen.diff.gitrev import Revision
    from policygen.diff.files import side_label
    from policygen.diff.load import load_version
    from policygen.problems import ProblemsFound

    if "/" not in args.target:
        print(f"{args.target}: name one policy as ORG/POLICY", file=sys.stderr)
        return EXIT_USAGE
    try:
        target = project.targets([args.target])[0]
        old_rev, new_rev = Revision(project.root, args.rev_a), Revision(project.root, args.rev_b)
        old_rev.check()
        new_rev.check()
        diff = diff_views(load_version(project, target, old_rev), load_version(project, target, new_rev))
    except ProblemsFound as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_PROBLEMS
    old_label, new_label = side_label(diff.old.version, old_rev), side_label(diff.new.version, new_rev)
    if args.format == "json":
        json.dump({
            "policy": str(target), "from": old_label, "to": new_label, "summary": diff.summary(),
            "fields": [vars(f) for f in diff.fields],
            "changes": [{"kind": c.kind, "id": c.id, "old": c.old.name if c.old else None, "new": c.new.name if c.new else None,
                         "words": c.words if "reworded" in c.kind else []} for c in diff.changes],
        }, sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        _print_text(diff, old_label, new_label)
    if args.no_redline:
        return EXIT_OK
    return _write_redlines(args, project, target, diff, old_rev, new_rev, old_label, new_label)


def _write_redlines(args, project, target, diff, old_rev, new_rev, old_label: str, new_label: str) -> int:
    """The full redline (HTML, DOCX) and the changes-only page, all or none: a file of the same name
    made by another comparison is not replaced without --force (see policygen.diff.files)."""
    from policygen.redlines import write_redlines

    redlines = write_redlines(project, target, diff, old_rev, new_rev, old_label, new_label, force=args.force)
    for path in redlines.refused:
        print(f"{path.relative_to(project.root)}: exists and was not made by this comparison "
              f"({old_label} to {new_label}); nothing was written (--force replaces it)", file=sys.stderr)
    if redlines.refused:
        return EXIT_PROBLEMS
    for path in redlines.written:
        print(f"wrote {path.relative_to(project.root)}", file=sys.stderr)
    return EXIT_OK
