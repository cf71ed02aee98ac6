"""policygen search: the clauses of every policy that match some words, best first."""

from __future__ import annotations

import sys

from policygen.commands import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, day_argument

FORMATS = ("table", "json")


def add_parser(sub) -> None:
    p = sub.add_parser(
        "search",
        help="find the clauses of every policy that match some words",
        description=(
            "Ranked clauses of every organisation's policies matching all the words given, with the "
            "organisation, policy, number, heading and the matching words marked. Words match their other "
            "forms (comment, comments, commenting) and spellings (organisation, organization); \"words in "
            "quotes\" match as a phrase; a word ending in * matches words starting with it. A word outside quotes "
            "also finds its related words (photograph: photo, image, picture…), ranked after clauses with the word "
            "itself, and function words (of, the, who…) are not required. Uses the index "
            "build/search.sqlite, which `policygen build` keeps up to date; search brings it up to date "
            "itself first. Exit 0 with matches, 1 with none (near words are suggested), 2 for wrong usage."
        ),
    )
    p.add_argument("query", nargs="+", metavar="WORDS", help='what to look for, e.g. negative comments, or \'"personal account"\'')
    p.add_argument("--org", action="append", metavar="ID[,ID…]", help="only these organisations (repeatable or comma-separated)")
    p.add_argument("--kind", action="append", metavar="K[,K…]", help="only policies of these kinds, e.g. social-media")
    p.add_argument("--as-at", type=day_argument, metavar="YYYY-MM-DD",
                   help="search each policy as it stood on this date, from git history (the version in force then)")
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
    path = _as_at_index(project, args.as_at) if args.as_at else _working_index(project)
    if path is None:
        return EXIT_PROBLEMS
    with SearchIndex.open(path) as index:
        try:
            filters = checked_filters(project, index, _split(args.org), _split(args.kind))
            total = count(index, query, filters)
            hits = search(index, query, filters, args.limit or None) if total else []
        except (Unusable, QuerySyntax) as exc:
            return _usage(str(exc))
        if not hits:
            print(f"policygen search: {no_hit(index, query, filters)}", file=sys.stderr)
            return EXIT_PROBLEMS
    _print(args.format, query, hits, total)
    return EXIT_OK


def _working_index(project):
    """build/search.sqlite, brought up to date with the working tree."""
    from policygen.search.refresh import index_path, refresh

    for key in refresh(project).not_loaded:
        print(f"policygen search: {key} has errors, so its clauses were not indexed again "
              "(`policygen validate` explains)", file=sys.stderr)
    return index_path(project)


def _as_at_index(project, day):
    """build/as-at/DATE/search.sqlite, holding each policy in force on ``day`` as git recorded it
    (None outside git, said in one line, as `build --as-at` says it); a policy not in force then is one line."""
    from contextlib import ExitStack

    from policygen.history.loaded import documents_as_at
    from policygen.load.document import Loader
    from policygen.problems import ProblemsFound
    from policygen.search.refresh import index_documents
    from policygen.search.store import INDEX_NAME
    from policygen.write import ensure_dir

    path = project.build_dir / "as-at" / day.isoformat() / INDEX_NAME
    with ExitStack() as stack:
        try:
            documents, skipped = documents_as_at(project, project.targets(), day, stack)
        except ProblemsFound as exc:  # not in a git repository
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            return None
        ensure_dir(path.parent)
        index_documents(path, documents, Loader(project).vocabulary())
    for line in skipped:
        print(f"policygen search: {line}", file=sys.stderr)
    return path


def _print(fmt: str, query, hits: list, total: int) -> None:
    import shutil

    from policygen.search import output

    if fmt == "json":
        sys.stdout.write(output.render_json(query.text, hits, total, query.also_searched))
    elif sys.stdout.isatty():
        sys.stdout.flush()
        output.print_rich(hits, total, min(100, shutil.get_terminal_size((100, 24)).columns), query.also_searched)
    else:
        sys.stdout.write(output.render_text(hits, total, also=query.also_searched))
