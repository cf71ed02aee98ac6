"""policygen search: the clauses of every policy that match some words, best first."""

from __future__ import annotations

import sys

from policygen.commands import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

FORMATS = ("table", "json")


def add_parser(sub) -> None:
    p = sub.add_parser(
        "search",
        help="find the clauses of every policy that match some words",
        description=(
            "Ranked clauses of every organisation's policies matching all the words given, with the "
            "organisation, policy, number, heading and the matching words marked. Words match their other "
            "forms (comment, comments, commenting) and spellings (organisation, organization); \"words in "
            "quotes\" match as a phrase; a word ending in * matches words starting with it. Uses the index "
            "build/search.sqlite, which `policygen build` keeps up to date; search brings it up to date "
            "itself first. Exit 0 with matches, 1 with none (near words are suggested), 2 for wrong usage."
        ),
    )
    p.add_argument("query", nargs="+", metavar="WORDS", help='what to look for, e.g. negative comments, or \'"personal account"\'')
    p.add_argument("--org", action="append", metavar="ID[,ID…]", help="only these organisations (repeatable or comma-separated)")
    p.add_argument("--kind", action="append", metavar="K[,K…]", help="only policies of these kinds, e.g. social-media")
    p.add_argument("-f", "--format", choices=FORMATS, default="table", help="output format (default: table)")
    p.add_argument("--limit", type=int, default=20, metavar="N", help="show at most N clauses (default: 20; 0 for all)")


def _split(values: list[str] | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v.strip() for value in values or [] for v in value.split(",") if v.strip()))


def _usage(message: str) -> int:
    print(f"policygen search: {message}", file=sys.stderr)
    return EXIT_USAGE


def run(args, project) -> int:
    from policygen.commands.report import report
    from policygen.problems import ProblemsFound

    from policygen.search.store import SearchUnavailable

    try:
        return _search(args, project)
    except ProblemsFound as exc:  # no organisations/ folder, an unreadable one
        return report(exc.problems, False)
    except SearchUnavailable as exc:
        print(f"policygen search: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS


def _search(args, project) -> int:
    from policygen.search.query import BadQuery, parse
    from policygen.search.refresh import index_path, refresh
    from policygen.search.results import QuerySyntax, count, no_hit, search
    from policygen.search.scope import Unusable, checked_filters, checked_orgs
    from policygen.search.store import SearchIndex

    if args.limit < 0:
        return _usage("--limit must be 0 (all) or more")
    try:
        query = parse(" ".join(args.query))
    except BadQuery as exc:
        return _usage(str(exc))
    checked_orgs(project, _split(args.org))  # before the index is brought up to date: a typo costs nothing
    for key in refresh(project).not_loaded:
        print(f"policygen search: {key} has errors, so its clauses were not indexed again "
              "(`policygen validate` explains)", file=sys.stderr)
    with SearchIndex.open(index_path(project)) as index:
        try:
            filters = checked_filters(project, index, _split(args.org), _split(args.kind))
            total = count(index, query, filters)
            hits = search(index, query, filters, args.limit or None) if total else []
        except (Unusable, QuerySyntax) as exc:
            return _usage(str(exc))
        if not hits:
            print(f"policygen search: {no_hit(index, query, filters)}", file=sys.stderr)
            return EXIT_PROBLEMS
    _print(args.format, query.text, hits, total)
    return EXIT_OK


def _print(fmt: str, text: str, hits: list, total: int) -> None:
    import shutil

    from policygen.search import output

    if fmt == "json":
        sys.stdout.write(output.render_json(text, hits, total))
    elif sys.stdout.isatty():
        sys.stdout.flush()
        output.print_rich(hits, total, min(100, shutil.get_terminal_size((100, 24)).columns))
    else:
        sys.stdout.write(output.render_text(hits, total))
