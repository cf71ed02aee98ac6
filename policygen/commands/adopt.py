"""policygen adopt ORG/POLICY --to VERSION: move an adopting policy to a newer version of its model.

VERSION must be the model's current version: loading always writes an adopter out from the
model as it is now, so ``adopts.version`` can only truthfully name that one. Clean changes need
no edit (the adopter follows the model); conflicts keep the local text with the model's new
words in a YAML comment; the file is edited round trip (comments and layout kept), checked
before it is written, and the redline of the adopter's document before and after is written
beside the build.
"""

from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass
from pathlib import Path

from policygen.commands import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE


def add_parser(sub) -> None:
    p = sub.add_parser("adopt", help="move a policy that adopts a model to the model's new version, keeping every local change")
    p.add_argument("target", metavar="ORG/POLICY")
    p.add_argument("--to", required=True, metavar="VERSION", help="the model's version to adopt: its current version")
    p.add_argument("--dry-run", action="store_true", help="show the change to the YAML, write nothing")


@dataclass(frozen=True)
class _Edited:
    """The working tree with one file's text replaced: read as a revision by policygen.diff.load."""

    root: Path
    path: Path
    text: str
    label: str

    def read(self, path: Path) -> str | None:
        from policygen.diff.gitrev import Revision

        return self.text if path.resolve() == self.path.resolve() else Revision(self.root, None).read(path)


def run(args, project) -> int:
    from pydantic import ValidationError

    from policygen.commands.report import report
    from policygen.diff import diff_views
    from policygen.diff.load import load_version
    from policygen.diff.updates import updates
    from policygen.history.model_versions import model_at_version
    from policygen.review.adopt import moved
    from policygen.load.source import parse_source, read_source
    from policygen.model.adoption import Adoption
    from policygen.problems import ProblemsFound, display_path
    from policygen.validate.checked import load_and_check

    if "/" not in args.target:
        print(f"{args.target}: name one policy as ORG/POLICY", file=sys.stderr)
        return EXIT_USAGE
    target = project.targets([args.target])[0]
    name = display_path(target.policy_file, project.root)
    try:
        # Read as written, not loaded: an adopter whose differences name a clause the new model
        # dropped no longer loads against it, and is just what this command is for.
        source = read_source(target.policy_file, name)
        if not isinstance(source.data.get("adopts"), dict):
            raise ProblemsFound([source.problem((), f"{target} does not adopt a model (no adopts:)")])
        try:
            adoption = Adoption.model_validate(source.data["adopts"])
        except ValidationError:
            return report(load_and_check(project, [args.target]).errors, strict=False)
        checked = load_and_check(project, [adoption.policy])
        if checked.errors:
            return report(checked.errors, strict=False)
        model = checked.documents[0]
        current = model.model.document_control.version
        if args.to != current:
            raise ProblemsFound([source.problem(("adopts", "version"), f"{args.to} is not the current version of {adoption.policy} "
                                                f"({current}): only the current version can be adopted")])
        if adoption.version == current:
            print(f"{target} already adopts version {current} of {adoption.policy}; nothing to do", file=sys.stderr)
            return EXIT_OK
        old_model_text = model_at_version(project, model.target, adoption.version, source)
        old_raw = parse_source(old_model_text, model.source.name).data
        update = updates(str(target), adoption, old_raw, model.source.data, current)
        old_text = target.policy_file.read_text(encoding="utf-8")
        result = moved(old_text, update, old_raw, args.to)
        before = load_version(project, target, _Edited(project.root, model.target.policy_file, old_model_text, f"model {adoption.version}"))
        after = load_version(project, target, _Edited(project.root, target.policy_file, result.text, f"adopt --to {args.to}"))
    except ProblemsFound as exc:
        for problem in exc.problems:  # nothing was written
            print(problem, file=sys.stderr)
        return EXIT_PROBLEMS
    sys.stdout.writelines(difflib.unified_diff(old_text.splitlines(keepends=True), result.text.splitlines(keepends=True), f"a/{name}", f"b/{name}"))
    for note in result.notes:
        print(f"{name}: {note}", file=sys.stderr)
    if args.dry_run:
        print(f"dry run: {name} was not changed", file=sys.stderr)
        return EXIT_OK
    from policygen.redlines import write_adoption_redlines
    from policygen.write import write_if_changed

    write_if_changed(target.policy_file, result.text.encode("utf-8"))
    print(f"{target} now adopts version {args.to} of {adoption.policy}: "
          f"{update.count('clean')} clean, {update.count('conflict')} conflict", file=sys.stderr)
    redlines = write_adoption_redlines(project, target, diff_views(before, after), adoption.version, args.to, force=True)
    for path in redlines.written:
        print(f"wrote {path.relative_to(project.root)}", file=sys.stderr)
    return EXIT_OK
