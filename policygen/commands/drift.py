"""policygen drift: where each policy that adopts a model departs from it, clause by clause."""

from __future__ import annotations

import sys

from policygen.commands import EXIT_OK, EXIT_USAGE


def add_parser(sub) -> None:
    p = sub.add_parser("drift", help="where adopted policies depart from their model: clauses as model, changed, removed, added")
    p.add_argument("targets", nargs="*", metavar="ORG[/POLICY]",
                   help="the adopting policies, or a model policy for all its adopters (default: every adopting policy)")
    p.add_argument("--format", choices=("table", "json", "markdown"), default="table", help="how to print it (default: table)")
    p.add_argument("--updates", action="store_true",
                   help="for each adopter behind its model: the model's clauses changed since the adopted version, each clean or a conflict")


def run(args, project) -> int:
    from policygen.commands.report import report
    from policygen.diff.drift import drift
    from policygen.diff.drift_report import FORMATS
    from policygen.validate.checked import load_and_check

    checked = load_and_check(project, args.targets)
    documents = checked.documents
    models = {str(d.target) for d in documents if d.org.model.model}
    if models and args.targets:  # a model named: its adopters, wherever they are
        library = load_and_check(project, None)
        checked.problems += [p for p in library.problems if p not in checked.problems]
        documents = [*documents, *(d for d in library.documents if d.adopted and str(d.adopted.target) in models)]
    if checked.errors:
        return report(checked.errors, strict=False)
    adopters = [d for d in documents if d.adopted is not None]
    if not adopters and args.targets:  # named, and nothing named adopts a model or is one with adopters
        print(f"policygen drift: {', '.join(args.targets)}: adopts no model and no policy adopts it", file=sys.stderr)
        return EXIT_USAGE
    if not adopters:
        print("no policy here adopts a model")
        return EXIT_OK
    if args.updates:
        return _updates(args, project, adopters)
    print(FORMATS[args.format](sorted((drift(d) for d in adopters), key=lambda d: d.policy)), end="")
    return EXIT_OK


def _updates(args, project, adopters) -> int:
    """The model updates of each adopter behind its model; one line for each that could not be checked."""
    from policygen.history.model_versions import adopter_updates
    from policygen.diff.updates_report import FORMATS
    from policygen.problems import ProblemsFound

    found, unchecked = [], []
    for doc in sorted(adopters, key=lambda d: str(d.target)):
        if doc.model.adopts.version == doc.adopted.model.document_control.version:
            continue
        try:
            found.append(adopter_updates(project, doc))
        except ProblemsFound as exc:
            unchecked += [f"{doc.target}: {p.message}" for p in exc.problems]
    print(FORMATS[args.format](found, unchecked), end="")
    return EXIT_OK
