"""A model policy as it stood at one of its versions, read from git: what `drift --updates` and
`adopt --to` compare the model's current text with (policygen.diff.updates)."""

from __future__ import annotations

from policygen.diff.gitrev import Revision
from policygen.diff.updates import Update, updates
from policygen.history.timeline import timeline
from policygen.load.document import LoadedPolicy
from policygen.load.source import Source, parse_source
from policygen.problems import ProblemsFound
from policygen.project import Project, Target


def model_at_version(project: Project, model: Target, version: str, adopter: Source) -> str:
    """The text of the model's file as it stood at ``version`` (that version's last commit).
    ProblemsFound, one line located at the adopter's ``adopts.version``, outside git or for a
    version git never recorded."""
    spans = timeline(project, model)
    span = next((s for s in reversed(spans) if s.version == version), None)
    if span is None:
        known = ", ".join(dict.fromkeys(s.version for s in spans)) or "none"
        raise ProblemsFound([adopter.problem(("adopts", "version"),
                                             f"version {version} of {model} is not in its git history (versions recorded: {known})")])
    text = Revision(project.root, span.last.commit).read(model.policy_file)
    assert text is not None  # the commit touched the file without deleting it
    return text


def adopter_updates(project: Project, doc: LoadedPolicy) -> Update:
    """``updates`` for a loaded adopter (``doc.adopted`` its model); ProblemsFound as model_at_version."""
    adoption, model = doc.model.adopts, doc.adopted
    old_text = model_at_version(project, model.target, adoption.version, doc.source)
    old_raw = parse_source(old_text, model.source.name).data
    return updates(str(doc.target), adoption, old_raw, model.source.data, model.model.document_control.version)
