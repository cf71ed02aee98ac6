"""policygen new ORG/POLICY: scaffold a policy file that validates and builds, for a new author.

Creates organisations/ORG/POLICY.yaml only (the organisation must exist) and never replaces a
file. The text is checked as `policygen validate` would before it is written.
"""

from __future__ import annotations

import datetime as dt
import re
import sys

from policygen.commands import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE


def add_parser(sub) -> None:
    p = sub.add_parser("new", help="scaffold a new policy: organisations/ORG/POLICY.yaml (never overwrites)")
    p.add_argument("target", metavar="ORG/POLICY")
    p.add_argument("--title", help="the policy's title (default: from its id, e.g. 'Social Media Policy')")
    p.add_argument(
        "--kind",
        help="its kind, from vocabulary/topics.yaml (default: the kind its id names, e.g. safeguarding-adults → safeguarding); "
        "the scaffold has a clause for each of the kind's topics",
    )


def run(args, project) -> int:
    from policygen.commands.report import report
    from policygen.load.document import Loader
    from policygen.model.base import SLUG_PATTERN
    from policygen.problems import display_path, suggest
    from policygen.validate.checked import check_text
    from policygen.project import Target
    from policygen.review.scaffold import policy_text, title_from_id
    from policygen.write import create_new

    org_id, _, policy_id = args.target.strip("/").partition("/")
    if not (re.match(SLUG_PATTERN, org_id) and re.match(SLUG_PATTERN, policy_id)):
        print(f"{args.target}: name the new policy as ORG/POLICY in lower-case words joined by hyphens, e.g. acme/social-media", file=sys.stderr)
        return EXIT_USAGE
    target = Target(org_id, policy_id, project.organisations / org_id)
    name = display_path(target.policy_file, project.root)
    if not target.org_file.is_file():
        print(f"{display_path(target.org_file, project.root)}: no such organisation; write its organisation.yaml first (docs/authoring.md)", file=sys.stderr)
        return EXIT_PROBLEMS
    if target.policy_file.exists():
        print(f"{name}: already exists; policygen new never replaces a file", file=sys.stderr)
        return EXIT_PROBLEMS
    loader = Loader(project)
    vocabulary = loader.vocabulary()
    kind = None
    if vocabulary is not None:
        kinds = vocabulary.kind_ids()
        kind = vocabulary.kind(args.kind or vocabulary.kind_named_by(policy_id))
        if kind is None and args.kind:
            print(f"--kind: no kind '{args.kind}' in vocabulary/topics.yaml{suggest(args.kind, kinds)}; choose from {', '.join(kinds)}", file=sys.stderr)
            return EXIT_USAGE
        if kind is None:
            print(f"{args.target}: its id names no kind of policy; add --kind with one of {', '.join(kinds)}", file=sys.stderr)
            return EXIT_USAGE
    org = loader.organisation(target)
    if org is None:
        report(loader.problems, strict=False)
        print("fix the organisation first; nothing was written", file=sys.stderr)
        return EXIT_PROBLEMS
    topics = [] if kind is None else vocabulary.listed_topics(kind.id)
    text = policy_text(org.model, policy_id, args.title or title_from_id(policy_id), dt.date.today(), kind, topics)
    _, errors = check_text(project, target, org, text)
    if errors:  # the scaffold should always validate; never write one that does not
        report(errors, strict=False)
        return EXIT_PROBLEMS
    if not create_new(target.policy_file, text.encode("utf-8")):
        print(f"{name}: already exists; policygen new never replaces a file", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"wrote {name}")
    style = org.model.style
    if not (style.controlled_document or style.printed_copy_statement):
        print(f"note: {display_path(target.org_file, project.root)} has no style.controlled_document (or printed_copy_statement): "
              "the documents' footers will carry no controlled-document statement until it has one", file=sys.stderr)
    if "front_sheet" not in style.blocks:
        print(f"note: {display_path(target.org_file, project.root)}: style.blocks has no front_sheet, so no front sheet is printed", file=sys.stderr)
    return EXIT_OK
