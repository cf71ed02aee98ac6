"""policygen compare: how each organisation covers the same topics, and who has a gap."""

from __future__ import annotations

import sys

from policygen.commands import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from policygen.problems import suggest

FORMATS = ("table", "csv", "markdown", "html")
PARTS = ("matrix", "clauses", "similar", "suggestions")  # as in policygen.compare.output, kept here so --help imports nothing


def add_parser(sub) -> None:
    p = sub.add_parser(
        "compare",
        help="compare one kind of policy's clauses across organisations, topic by topic",
        description=(
            "Coverage matrix (topics × organisations, each cell the clauses that cover the topic, "
            "gaps shown), each organisation's clauses per topic, pairs of clauses that say nearly "
            "the same thing, and topic suggestions for clauses with none. Also writes the full "
            "comparison page build/compare/<kind>.html (whatever --topic and --orgs say). Policies are "
            "grouped by kind, whatever their file ids; two of one kind in one organisation are two columns."
        ),
    )
    p.add_argument(
        "kind", nargs="?", metavar="KIND",
        help="the kind of policy to compare, e.g. information-governance, or a policy id standing for its kind "
        "(default: every kind two or more policies hold)",
    )
    p.add_argument("--topic", action="append", metavar="T[,T…]", help="only these topics (repeatable or comma-separated)")
    p.add_argument("--orgs", metavar="A,B", help="only these organisations (comma-separated ids)")
    p.add_argument("--query", metavar="WORDS", help='each organisation\'s clauses matching WORDS, side by side, for a topic no vocabulary has (e.g. "lone working"; table, markdown or csv)')
    p.add_argument("-f", "--format", choices=FORMATS, default="table", help="output format (default: table)")
    p.add_argument(
        "--show", metavar="PART[,PART…]",
        help=f"what to print, from {', '.join(PARTS)} (default: matrix and suggestions; all four with --topic; "
        "CSV prints one at a time, matrix by default)",
    )
    p.add_argument("--min-score", type=float, default=None, metavar="S", help="least similarity (0–1) for a pair of clauses to be shown (default: 0.35)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the output to FILE instead of the terminal")
    p.add_argument("--no-page", action="store_true", help="do not write build/compare/<kind>.html")
    p.add_argument(
        "--accept-suggestions", action="store_true",
        help="write the best suggested topic into each clause that has none (edits the organisations' YAML, keeping comments)",
    )


def _split(values: list[str] | str | None) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _usage(message: str) -> int:
    print(f"policygen compare: {message}", file=sys.stderr)
    return EXIT_USAGE


def run(args, project) -> int:
    from policygen.commands.report import report
    from policygen.compare.comparison import DEFAULT_MIN_SCORE, by_kind, compare
    from policygen.load.document import Loader
    from policygen.validate.checked import load_and_check

    if args.query is not None:
        return _by_query(args, project)
    if args.min_score is not None and not 0 <= args.min_score <= 1:
        return _usage("--min-score must be between 0 and 1")
    topics = _split(args.topic)
    parts = _parts(args, topics)
    if isinstance(parts, str):
        return _usage(parts)
    vocabulary = Loader(project).vocabulary()
    if vocabulary is None:
        print("vocabulary/topics.yaml is missing: there are no topics to compare by", file=sys.stderr)
        return EXIT_PROBLEMS
    # Every policy is read: a kind is in the files, not their names.
    checked = load_and_check(project, [])
    kinds = by_kind(checked.documents, vocabulary)
    orgs = _wanted_orgs(args, sorted({d.target.org_id for docs in kinds.values() for d in docs}))
    wanted = _wanted_kinds(args, kinds, vocabulary)
    if args.format in ("csv", "html") and len(wanted) > 1:
        return _usage(f"{args.format} holds one kind of policy: name one of {', '.join(wanted)}")
    errors, left_out = _errors(checked, kinds, wanted)
    if errors:  # warnings (review dates and the like) are validate's business, not this command's
        report(errors, False)
        print("nothing was compared or written; `policygen validate` explains", file=sys.stderr)
        return EXIT_PROBLEMS
    for topic in topics:
        if topic not in vocabulary.ids():
            return _usage(f"no topic '{topic}' in vocabulary/topics.yaml{suggest(topic, vocabulary.ids())}")

    min_score = DEFAULT_MIN_SCORE if args.min_score is None else args.min_score
    comparisons = []
    for kind in wanted:
        docs = [d for d in kinds[kind] if not orgs or d.target.org_id in orgs]
        if not docs:
            continue
        other_kind = [t for t in topics if t not in vocabulary.topic_ids(kind)]
        if other_kind and args.kind:  # comparing every kind, a topic asks only about policies of its kind
            return _usage(f"--topic: '{other_kind[0]}' is a topic of {', '.join(vocabulary.kinds_of(other_kind[0]))}, not of {kind}")
        comparisons.append(compare(docs, vocabulary, topics or None, min_score))
    if not comparisons:
        what = f"a policy of kind '{wanted[0]}'" if args.kind else "a policy of a kind two policies share"
        return _usage(f"none of {', '.join(orgs)} has {what}")
    good = [d for d in checked.documents if d.target not in left_out]
    _publish(args, project, comparisons, parts, good, left_out)
    return EXIT_OK


def _by_query(args, project) -> int:
    """--query: the clauses of each organisation matching some words, side by side (policygen.search)."""
    from policygen.commands.report import report
    from policygen.problems import ProblemsFound
    from policygen.search.scope import Unusable
    from policygen.search.side_by_side import NoMatch, compare_by_query
    from policygen.search.store import SearchUnavailable

    if args.topic or args.show or args.accept_suggestions:
        return _usage("--query cannot be combined with --topic, --show or --accept-suggestions")
    try:
        text = compare_by_query(project, args.query, tuple(_split(args.orgs)), args.kind, args.format)
    except ProblemsFound as exc:
        return report(exc.problems, False)
    except Unusable as exc:
        return _usage(str(exc))
    except (NoMatch, SearchUnavailable) as exc:
        print(f"policygen compare: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    if args.output:
        from pathlib import Path

        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _wanted_kinds(args, kinds: dict[str, list], vocabulary) -> list[str]:
    """The kinds to compare: the one named (a kind, or a policy id standing for its kind), else
    every kind two or more policies hold."""
    from policygen.project import UnknownName

    if not args.kind:
        shared = [k for k, docs in kinds.items() if len(docs) > 1]
        if not shared:
            raise UnknownName([f"no kind of policy is held by two or more policies; name one to see its coverage: {', '.join(kinds)}"])
        return shared
    if args.kind in kinds:
        return [args.kind]
    named = sorted({k for k, docs in kinds.items() for d in docs if d.target.policy_id == args.kind})
    if named:
        return named
    if args.kind in vocabulary.kind_ids():
        raise UnknownName([f"no organisation has a policy of kind '{args.kind}'; kinds held: {', '.join(kinds)}"])
    ids = sorted({*kinds, *(d.target.policy_id for docs in kinds.values() for d in docs)})
    raise UnknownName([f"no organisation has a policy of kind or id '{args.kind}'{suggest(args.kind, ids)}"])


def _errors(checked, kinds: dict[str, list], wanted: list[str]) -> tuple[list, list]:
    """The errors that stop the comparison, and the policies left out for theirs.

    An error in a policy of a kind not compared is not this command's business: that policy
    is left out (its own kind's page is not written). Any other error stops the command, an
    error in a file whose kind is unknown included.
    """
    elsewhere = {d.source.name: d.target for k, docs in kinds.items() if k not in wanted for d in docs}
    stopping = [p for p in checked.errors if p.file not in elsewhere]
    left_out = sorted({elsewhere[p.file] for p in checked.errors if p.file in elsewhere}, key=str)
    return stopping, left_out


def _wanted_orgs(args, all_orgs: list[str]) -> list[str]:
    from policygen.project import UnknownName, no_organisation

    orgs = _split(args.orgs)
    unknown = [no_organisation(org, all_orgs) for org in orgs if org not in all_orgs]
    if unknown:
        raise UnknownName(unknown)
    return orgs


def _parts(args, topics: list[str]) -> list[str] | str:
    """The parts to print, or what is wrong with --show."""
    parts = _split(args.show)
    for part in parts:
        if part not in PARTS:
            return f"--show: no part '{part}'; choose from {', '.join(PARTS)}{suggest(part, PARTS)}"
    if not parts:
        parts = ["matrix"] if args.format == "csv" else (list(PARTS) if topics else ["matrix", "suggestions"])
    if args.format == "csv" and len(parts) != 1:
        return "CSV holds one table: pass --show with one part"
    return parts


def _publish(args, project, comparisons: list, parts: list[str], documents: list, left_out: list) -> None:
    """Print (or write) the comparisons, accept suggestions if asked, and refresh the comparison pages."""
    outputs = [_render(cmp, args.format, parts, project) for cmp in comparisons]
    if args.accept_suggestions:
        from policygen.compare.accept import accept_suggestions

        for cmp in comparisons:
            for line in accept_suggestions(cmp):
                print(line, file=sys.stderr)

    text = "\n".join(outputs)
    if args.output:
        from pathlib import Path

        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)

    if not args.no_page and not args.accept_suggestions:
        from policygen.compare.page import write_pages

        for path, changed in write_pages(project, documents, left_out, [c.kind for c in comparisons]):
            print(f"{'wrote' if changed else 'unchanged'} {path}", file=sys.stderr)


def _render(cmp, fmt: str, parts: list[str], project) -> str:
    if fmt == "csv":
        from policygen.compare.output import render_csv

        return render_csv(cmp, parts[0])
    if fmt == "html":
        from policygen.compare.page import render_page, template_dirs

        return render_page(cmp, template_dirs(project)).decode("utf-8")
    from policygen.compare.output import render_text

    return render_text(cmp, parts, fmt)
