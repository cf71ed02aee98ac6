"""Load the vocabulary, organisations and policies a command targets."""

from __future__ import annotations

from dataclasses import dataclass, field

from policygen.load.models import build_model
from policygen.load.source import Source, read_source
from policygen.model import Organisation, Policy, Vocabulary
from policygen.problems import Problem, ProblemsFound, display_path
from policygen.project import Project, Target


@dataclass
class LoadedOrganisation:
    model: Organisation
    source: Source


@dataclass
class LoadedPolicy:
    """A policy with its organisation and the sources both came from."""

    target: Target
    org: LoadedOrganisation
    model: Policy
    source: Source
    # the policies its {ref:policy#id} keys name, by key as written; filled in by validation
    linked: dict[str, "LoadedPolicy"] = field(default_factory=dict)


class Loader:
    """Loads each file once and collects every problem instead of stopping at the first."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.problems: list[Problem] = []
        self._orgs: dict[str, LoadedOrganisation | None] = {}
        self._policies: dict[Target, LoadedPolicy | None] = {}
        self._vocabulary: Vocabulary | None = None

    def _read(self, path, cls):
        name = display_path(path, self.project.root)
        try:
            source = read_source(path, name)
            return build_model(cls, source), source
        except ProblemsFound as exc:
            self.problems.extend(exc.problems)
            return None, None

    def vocabulary(self) -> Vocabulary | None:
        if self._vocabulary is None and self.project.vocabulary_file.is_file():
            self._vocabulary, source = self._read(self.project.vocabulary_file, Vocabulary)
            if self._vocabulary is not None:  # a topic declared twice would make its kind ambiguous
                self.problems.extend(source.problem(loc, message) for loc, message in self._vocabulary.conflicts())
        return self._vocabulary

    def organisation(self, target: Target) -> LoadedOrganisation | None:
        if target.org_id not in self._orgs and not target.org_file.is_file():
            name = display_path(target.org_file, self.project.root)
            self.problems.append(Problem(name, 0, "", f"this file is missing, so none of the policies in organisations/{target.org_id}/ can be built; add it (see docs/authoring.md)"))
            self._orgs[target.org_id] = None
        if target.org_id not in self._orgs:
            model, source = self._read(target.org_file, Organisation)
            self._orgs[target.org_id] = LoadedOrganisation(model, source) if model else None
        return self._orgs[target.org_id]

    def policy(self, target: Target) -> LoadedPolicy | None:
        """The policy, read once however many policies refer to it."""
        if target not in self._policies:
            org = self.organisation(target)
            model, source = self._read(target.policy_file, Policy)
            self._policies[target] = LoadedPolicy(target, org, model, source) if org and model else None
        return self._policies[target]
