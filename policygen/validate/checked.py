"""Load and validate: the first two stages of the pipeline, shared by every command.

Problems are collected, never raised, so a command can report every one of
them at once. Resolving, rendering and writing are in policygen.builder.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from policygen.load.document import LoadedOrganisation, LoadedPolicy, Loader
from policygen.load.models import build_model
from policygen.load.source import parse_source
from policygen.model import Policy
from policygen.problems import Problem, ProblemsFound, display_path
from policygen.project import Project, Target
from policygen.validate import check_organisation, check_policy, lint_policy
from policygen.validate.adopted import relocated
from policygen.validate.links import check_links


@dataclass
class Checked:
    documents: list[LoadedPolicy] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]


def load_and_check(project: Project, selectors: list[str] | None, today: dt.date | None = None) -> Checked:
    """Load every targeted policy and run every check; never raises for bad data."""
    today = today or dt.date.today()
    result = Checked()
    try:
        targets = project.targets(selectors)
    except ProblemsFound as exc:
        result.problems.extend(exc.problems)
        return result
    loader = Loader(project)
    vocabulary = loader.vocabulary()
    checked_orgs: set[str] = set()
    for target in targets:
        doc = loader.policy(target)
        org = loader.organisation(target)
        if org is not None and target.org_id not in checked_orgs:
            checked_orgs.add(target.org_id)
            result.problems.extend(check_organisation(org, target.org_dir))
        if doc is not None:
            found = [*check_policy(doc, vocabulary, today), *check_links(doc, loader), *lint_policy(doc, today)]
            result.problems.extend(relocated(doc, found))
            result.documents.append(doc)
    result.problems = sorted(set(loader.problems) | set(result.problems), key=lambda p: (p.file, p.line, p.path, p.message))
    return result


def check_text(project: Project, target: Target, org: LoadedOrganisation, text: str) -> tuple[Policy | None, list[Problem]]:
    """The policy this text would be as target's file, and the errors `policygen validate` would
    report for it, so a command that writes a policy file (review, new) checks it first."""
    loader = Loader(project)
    try:
        source = parse_source(text, display_path(target.policy_file, project.root))
        written = loader.written_out(target, org, source)  # a model's params, an adopter's model written out
        policy = build_model(Policy, source, written.data if written else None)
    except ProblemsFound as exc:
        return None, exc.problems
    doc = LoadedPolicy(target, org, policy, source, adopted=written.model if written else None)
    problems = [*(written.problems if written else ()), *check_policy(doc, loader.vocabulary(), dt.date.today()), *check_links(doc, loader)]
    return policy, [p for p in problems if not p.warning]
