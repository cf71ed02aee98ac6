"""A policy as it was at a git revision, resolved into a view model.

The other policies its ``{ref:policy#id}`` keys name, and the model it adopts, are read at the
same revision, so a redline prints such a reference, and the model's words, as the documents
built from that revision did.
"""

from __future__ import annotations

from policygen.diff.gitrev import Revision
from policygen.load.adoption import name_model, written_out
from policygen.load.document import LoadedOrganisation, LoadedPolicy
from policygen.load.models import build_model
from policygen.load.source import Source, parse_source
from policygen.model import Organisation, Policy
from policygen.model.refs import find_refs, into_other_policy, split_key
from policygen.model.walk import iter_blocks, iter_strings
from policygen.problems import Problem, ProblemsFound, display_path
from policygen.project import Project, Target
from policygen.resolve import DocumentView, build_view


def load_version(project: Project, target: Target, revision: Revision) -> DocumentView:
    """Parse and validate the organisation and policy files at ``revision``; raise ProblemsFound."""
    doc = _loaded(project, target, revision)
    return build_view(doc.org.model, doc.model, linked=_linked(project, doc, revision))


def _loaded(project: Project, target: Target, revision: Revision) -> LoadedPolicy:
    """The policy at ``revision``; one that adopts a model is written out from the model as it was then."""
    org_source = _source(project, target.org_file, revision)
    org = LoadedOrganisation(build_model(Organisation, org_source), org_source)
    source = _source(project, target.policy_file, revision)

    def model_then(ref: str) -> tuple[LoadedPolicy | None, str | None]:
        org_id, _, policy_id = ref.partition("/")
        try:
            return _loaded(project, Target(org_id, policy_id, project.organisations / org_id), revision), None
        except ProblemsFound:
            return None, f"the model {ref} cannot be read at {revision.label}"

    written = written_out(str(target), org.model.model, source, model_then)
    if written is not None and any(not p.warning for p in written.problems):
        raise ProblemsFound([p for p in written.problems if not p.warning])
    policy = build_model(Policy, source, written.data if written else None)
    name_model(policy, written.model if written else None)
    return LoadedPolicy(target, org, policy, source, adopted=written.model if written else None)


def _source(project: Project, path, revision: Revision) -> Source:
    name = f"{revision.label}:{display_path(path, project.root)}"
    text = revision.read(path)
    if text is None:
        raise ProblemsFound([Problem(name, 0, "", f"does not exist at {revision.label}")])
    return parse_source(text, name)


def _linked(project: Project, doc: LoadedPolicy, revision: Revision) -> dict[str, LoadedPolicy]:
    """The other policies its references name, as they were at ``revision``. A reference whose
    policy or block was not there then (or did not load) stays as written."""
    linked: dict[str, LoadedPolicy] = {}
    for _, text in iter_strings(doc.model):
        for ref in filter(into_other_policy, find_refs(text)):
            org_id, policy_id, block_id = split_key(ref.key)
            org_id = org_id or doc.target.org_id
            try:
                other = _loaded(project, Target(org_id, policy_id, project.organisations / org_id), revision)
            except ProblemsFound:
                continue
            if any(item.block.id == block_id for item in iter_blocks(other.model)):
                linked[ref.key] = other
    return linked
