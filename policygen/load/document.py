"""Load the vocabulary, organisations and policies a command targets."""

from __future__ import annotations

from dataclasses import dataclass, field

from policygen.load.adoption import WrittenOut, name_model, written_out
from policygen.load.models import build_model
from policygen.load.source import Source, read_source
from policygen.model import Organisation, Policy, Vocabulary
from policygen.problems import Problem, ProblemsFound, display_path, suggest
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
    # the model policy it adopts, whose body it was written out from (policygen.load.adoption)
    adopted: "LoadedPolicy | None" = None


class Loader:
    """Loads each file once and collects every problem instead of stopping at the first."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.problems: list[Problem] = []
        self._orgs: dict[str, LoadedOrganisation | None] = {}
        self._policies: dict[Target, LoadedPolicy | None] = {}
        self._vocabulary: Vocabulary | None = None

    def _read(self, path, cls):
        source = self._source(path)
        return (self._build(cls, source), source) if source else (None, None)

    def _source(self, path) -> Source | None:
        try:
            return read_source(path, display_path(path, self.project.root))
        except ProblemsFound as exc:
            self.problems.extend(exc.problems)
            return None

    def _build(self, cls, source: Source, data=None):
        try:
            return build_model(cls, source, data)
        except ProblemsFound as exc:
            self.problems.extend(exc.problems)
            return None

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
            self._policies[target] = None  # a policy naming itself as its model finds nothing, not a loop
            org = self.organisation(target)
            source = self._source(target.policy_file)
            written = self.written_out(target, org, source) if source else None
            if written is not None:
                self.problems.extend(written.problems)
            model = self._build(Policy, source, written.data if written else None) if source else None
            if org and model:
                adopted = written.model if written else None
                name_model(model, adopted)
                self._policies[target] = LoadedPolicy(target, org, model, source, adopted=adopted)
        return self._policies[target]

    def written_out(self, target: Target, org: LoadedOrganisation | None, source: Source) -> WrittenOut | None:
        """The data the policy is built from: a model's with placeholders, an adopter's written out."""
        return written_out(str(target), org is not None and org.model.model, source, self._model_policy)

    def _model_policy(self, ref: str) -> tuple[LoadedPolicy | None, str | None]:
        """The model policy 'org/policy' names, or None and why not."""
        org_id, _, policy_id = ref.partition("/")
        target = Target(org_id, policy_id, self.project.organisations / org_id)
        if not target.policy_file.is_file():
            known = [str(p.relative_to(self.project.organisations).with_suffix("")) for p in self.project.organisations.glob("*/*.yaml") if p.name != "organisation.yaml"]
            return None, f"no model policy {ref}: there is no organisations/{ref}.yaml{suggest(ref, known)}"
        doc = self.policy(target)
        if doc is None:
            return None, f"the model {ref} cannot be loaded: fix its own problems first"
        return doc, None
