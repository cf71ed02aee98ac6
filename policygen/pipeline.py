"""The pipeline as the commands use it: load → validate → resolve → render → write.

Everything is loaded and checked before anything is written, so bad input
never leaves build/ half-written: either every requested output is produced
or none is touched.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from policygen.load.document import LoadedPolicy, Loader
from policygen.problems import Problem, ProblemsFound
from policygen.project import Project, Target
from policygen.validate import check_organisation, check_policy, lint_policy



@dataclass
class Checked:
    documents: list[LoadedPolicy] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.warning]


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
            result.problems.extend(check_organisation(org, target.org_id))
        if doc is not None:
            result.problems.extend(check_policy(doc, vocabulary, today))
            result.problems.extend(lint_policy(doc, today))
            result.documents.append(doc)
    result.problems = sorted(set(loader.problems) | set(result.problems), key=lambda p: (p.file, p.line, p.path, p.message))
    return result


def build(
    project: Project, docs: list[LoadedPolicy], formats: tuple[str, ...], *, register: bool = True
) -> list[tuple[Target | None, str, bool]]:
    """Render every document in every format in memory, then write them all.

    With ``register``, also the register page (build/index.html) listing ``docs``.
    Returns (target, path, changed) for each output.
    """
    from policygen.render import RenderContext, renderer
    from policygen.resolve import build_view
    from policygen.write import output_path, write_if_changed

    rendered: list[tuple[Target | None, object, bytes]] = []
    for doc in docs:
        view = build_view(doc.org.model, doc.model)
        ctx = RenderContext(project.template_dirs(doc.target.org_id))
        for fmt in formats:
            path = output_path(project.build_dir, doc.target.org_id, f"{doc.target.policy_id}.{fmt}")
            rendered.append((doc.target, path, renderer(fmt)(view, ctx)))
    if register:
        from policygen.register import entries
        from policygen.render.register import render_register

        page = render_register(entries(docs), formats, project.template_dirs())
        rendered.append((None, output_path(project.build_dir, "index.html"), page))
    results = []
    for target, path, data in rendered:
        changed = write_if_changed(path, data)
        results.append((target, str(path.relative_to(project.root.resolve())), changed))
    return results
