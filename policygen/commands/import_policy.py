"""policygen import FILE --org ID: bring an existing Word, Markdown or HTML policy in as YAML.

Reads the file (``importer/readers``), recognises the policy in it (``importer/recognise.py``),
writes ``organisations/<org>/<id>.yaml`` (and a starter ``organisation.yaml`` for a new
organisation) atomically, never replacing a file without --force, then validates what it
wrote as ``policygen validate`` would. The module is not called ``import``: Python keeps that word.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from policygen.commands import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE


def add_parser(sub) -> None:
    p = sub.add_parser("import", help="bring in a policy from Word (.docx), Markdown or HTML as organisations/ORG/POLICY.yaml")
    p.add_argument("file", metavar="FILE", help="the .docx, .md or .html file")
    p.add_argument("--org", required=True, help="the organisation's id (its folder under organisations/; made if new)")
    p.add_argument("--id", dest="policy_id", help="the policy's id (default: from its title, e.g. social-media-policy)")
    p.add_argument("--kind", help="the kind of policy, from vocabulary/topics.yaml (default: the one its id or title names)")
    p.add_argument("--force", action="store_true", help="replace organisations/ORG/POLICY.yaml if it exists")
    p.add_argument("--dry-run", action="store_true", help="print the YAML and the report; write nothing")


def run(args, project) -> int:
    from policygen.commands.report import report
    from policygen.importer.blocks import Unreadable
    from policygen.importer import roles
    from policygen.importer.emit import policy_yaml
    from policygen.importer.ids import slug
    from policygen.importer.readers import NotAvailable, reader_for
    from policygen.importer.recognise import recognise
    from policygen.importer.report import summary
    from policygen.importer.starter import organisation_text
    from policygen.load.document import LoadedOrganisation, Loader
    from policygen.load.models import build_model
    from policygen.load.source import parse_source
    from policygen.model import Organisation
    from policygen.model.base import SLUG_PATTERN
    from policygen.problems import ProblemsFound, display_path, suggest
    from policygen.project import Target
    from policygen.validate.checked import check_text, load_and_check
    from policygen.write import create_new, write_if_changed

    for option, value in (("--org", args.org), ("--id", args.policy_id)):
        if value is not None and not re.match(SLUG_PATTERN, value):
            print(f"policygen import: {option} {value!r}: use lower-case words joined by hyphens, e.g. acme or social-media", file=sys.stderr)
            return EXIT_USAGE
    vocabulary = Loader(project).vocabulary()
    if args.kind and vocabulary is not None and args.kind not in vocabulary.kind_ids():
        kinds = vocabulary.kind_ids()
        print(f"policygen import: --kind: no kind '{args.kind}' in vocabulary/topics.yaml{suggest(args.kind, kinds)}; choose from {', '.join(kinds)}", file=sys.stderr)
        return EXIT_USAGE
    path = Path(args.file)
    if not path.is_file():
        print(f"policygen import: no file {args.file!r}", file=sys.stderr)
        return EXIT_USAGE
    try:
        read = reader_for(path)
    except NotAvailable as exc:
        print(f"policygen import: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        source = read(path, path.read_bytes())
    except Unreadable as exc:
        print(f"{exc}; nothing was written", file=sys.stderr)
        return EXIT_PROBLEMS

    org_dir = project.organisations / args.org
    probe = Target(args.org, "probe", org_dir)
    loader = Loader(project)
    org_text = None
    if probe.org_file.is_file():
        org = loader.organisation(probe)
        if org is None:
            report(loader.problems, strict=False)
            print(f"fix {display_path(probe.org_file, project.root)} first; nothing was written", file=sys.stderr)
            return EXIT_PROBLEMS
        found = recognise(source, org.model.style)
        register = {key: [role.title, *role.aliases] for key, role in org.model.roles.items()}
        roles.unregistered(found.sections, register, args.org)
    else:  # a new organisation: its register starts with the roles this policy names
        found = recognise(source)
        org_text = organisation_text(args.org, found)
        source_org = parse_source(org_text, display_path(probe.org_file, project.root))
        org = LoadedOrganisation(build_model(Organisation, source_org), source_org)
        register = {key: [title] for key, title in found.roles.items()}

    policy_id = args.policy_id or slug(found.title, 8, "") or slug(path.stem, 8, "policy")
    # The kind comparisons group it by: named by --kind, its id, or its title ("Social Media Policy").
    kind = args.kind
    if kind is None and vocabulary is not None:
        kind = vocabulary.kind_named_by(policy_id) or vocabulary.kind_named_by(slug(found.title, 8, ""))
    text = policy_yaml(found, policy_id, kind, path.name, register)
    target = Target(args.org, policy_id, org_dir)
    name = display_path(target.policy_file, project.root)

    out = sys.stderr if args.dry_run else sys.stdout  # a dry run's stdout is the YAML alone
    for line in summary(found, source.file):
        print(line, file=out)
    if args.dry_run:
        sys.stdout.write(text)
        try:
            _, errors = check_text(project, target, org, text)
        except ProblemsFound as exc:
            errors = exc.problems
        return report(errors, strict=False)
    if target.policy_file.exists() and not args.force:
        print(f"{name}: already exists; add --force to replace it (nothing was written)", file=sys.stderr)
        return EXIT_PROBLEMS
    if org_text is not None:
        if not create_new(target.org_file, org_text.encode("utf-8")):
            print(f"{display_path(target.org_file, project.root)}: appeared while importing; nothing was written", file=sys.stderr)
            return EXIT_PROBLEMS
        print(f"wrote {display_path(target.org_file, project.root)} (a starter: put the organisation's own names in it)", file=out)
    if args.force:
        write_if_changed(target.policy_file, text.encode("utf-8"))
    elif not create_new(target.policy_file, text.encode("utf-8")):
        print(f"{name}: already exists; add --force to replace it (nothing was written)", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"wrote {name}", file=out)
    checked = load_and_check(project, [f"{args.org}/{policy_id}"])
    # An imported policy's blocks carry no topics yet: one line for them, not one per block.
    untagged = [p for p in checked.problems if p.warning and p.message.endswith("has no topic")]
    if untagged:
        print(f"{name}: {len(untagged)} blocks have no topic yet: give each `topics:` from vocabulary/topics.yaml "
              "(`policygen compare --accept-suggestions` suggests them once other policies are tagged)", file=out)
    code = report([p for p in checked.problems if p not in untagged], strict=False)
    if code == EXIT_OK:
        print(f"{name} validates; `policygen build {args.org}/{policy_id}` makes its documents", file=out)
    return code
