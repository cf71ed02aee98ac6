"""A policy as it was at a git revision, resolved into a view model."""

from __future__ import annotations

from policygen.diff.gitrev import Revision
from policygen.load.models import build_model
from policygen.load.source import parse_source
from policygen.model import Organisation, Policy
from policygen.problems import Problem, ProblemsFound, display_path
from policygen.project import Project, Target
from policygen.resolve import DocumentView, build_view


def load_version(project: Project, target: Target, revision: Revision) -> DocumentView:
    """Parse and validate the organisation and policy files at ``revision``; raise ProblemsFound."""
    models = []
    for path, cls in ((target.org_file, Organisation), (target.policy_file, Policy)):
        name = f"{revision.label}:{display_path(path, project.root)}"
        text = revision.read(path)
        if text is None:
            raise ProblemsFound([Problem(name, 0, "", f"does not exist at {revision.label}")])
        models.append(build_model(cls, parse_source(text, name)))
    org, policy = models
    return build_view(org, policy)
