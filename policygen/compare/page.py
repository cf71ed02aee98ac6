"""The comparison as an accessible HTML page: ``build/compare/<policy-id>.html``.

One self-contained page (CSS inline, nothing fetched) from the templates in
``templates/compare/``. Every clause links to its anchor in its organisation's
HTML policy (``../<org>/<policy-id>.html#<id>``), which ``policygen build``
writes beside it. Clause text goes through the same Markdown renderer as the
policy pages, so it is escaped the same way and references read the same.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from markupsafe import Markup

from policygen.compare.comparison import Comparison, compare, policy_ids
from policygen.compare.units import OrgPolicy
from policygen.load.document import LoadedPolicy, Loader
from policygen.project import PACKAGE_TEMPLATES, Project, Target

SUBDIR = "compare"
# Side by side stops being readable, and the page stops being small, past this many
# organisations: a larger library compares chosen ones with `policygen compare --orgs`.
MAX_ORGS_ON_PAGE = 30
# Pairs of similar clauses shown per topic on the page: a library of hundreds of
# organisations has thousands; the command line lists every one.
PAIRS_SHOWN = 12


def template_dirs(project: Project) -> list[Path]:
    """The project's templates/compare first, then the package's."""
    return [d for d in (project.root / "templates", PACKAGE_TEMPLATES) if (d / SUBDIR).is_dir()]


def page_path(policy_id: str) -> tuple[str, str]:
    """Where the page goes, as parts under build/ (for ``write.output_path``)."""
    return (SUBDIR, f"{policy_id}.html")


def render_page(cmp: Comparison, dirs: list[Path]) -> bytes:
    from policygen.render.templating import environment

    env = environment(dirs, SUBDIR, {"md": _md, "md_inline": _md_inline, "score": _score})
    return env.get_template("compare.html.j2").render(cmp=cmp, pairs_shown=PAIRS_SHOWN).encode("utf-8")


# A link the policy page resolves against its own folder (build/<org>/): "#id", "other.html#id";
# "../org/other.html#id" reads the same from build/compare/.
_RELATIVE_HREF = re.compile(r'href="(?![a-zA-Z][a-zA-Z0-9+.-]*:|\.\./)(#?)')


def _md(text: str, org: OrgPolicy) -> Markup:
    """Clause Markdown → HTML; references point where the organisation's own page points:
    into that page, or to another policy's page beside it."""
    from policygen.render.html import markdown_html

    html = str(markdown_html(text, org.view))
    return Markup(_RELATIVE_HREF.sub(lambda m: f'href="../{org.html_path}#' if m[1] else f'href="../{org.org_id}/', html))


def _md_inline(text: str, org: OrgPolicy) -> Markup:
    from policygen.render.html import inline

    return inline(_md(text, org))


def _score(score: float) -> str:
    return f"{score:.2f}"


def render_pages(project: Project, docs: list[LoadedPolicy], left_out: Iterable[Target] = ()) -> list[tuple[Path, bytes]]:
    """One page per policy id among ``docs`` (checked documents), rendered in memory.

    For ``policygen build``: add these to what it writes after rendering the
    policies. A policy id gets its page only when ``docs`` hold every
    organisation that has it, so a narrowed build (``policygen build lchs``)
    never overwrites the full comparison with a one-organisation page. A policy
    only one organisation holds has nothing to be compared with, and one held by
    more than MAX_ORGS_ON_PAGE organisations would be unreadable: neither gets a page.
    ``left_out`` are policies with errors that the build reported and skipped: their
    page compares the other organisations.
    """
    from policygen.write import output_path

    vocabulary = Loader(project).vocabulary()
    if vocabulary is None:
        return []
    by_policy: dict[str, list[LoadedPolicy]] = {}
    for doc in docs:
        by_policy.setdefault(doc.target.policy_id, []).append(doc)
    owners = policy_ids(project)
    dirs = template_dirs(project)
    return [
        (output_path(project.build_dir, *page_path(pid)), render_page(compare(group, vocabulary), dirs))
        for pid, group in sorted(by_policy.items())
        if {d.target.org_id for d in group} | {t.org_id for t in left_out if t.policy_id == pid} == set(owners.get(pid, []))
        and 2 <= len(group) <= MAX_ORGS_ON_PAGE
    ]


def write_pages(project: Project, docs: list[LoadedPolicy]) -> list[tuple[str, bool]]:
    """Render then write every comparison page; (path relative to the project, changed) for each."""
    from policygen.write import write_if_changed

    results = []
    for path, data in render_pages(project, docs):
        results.append((str(path.relative_to(project.root.resolve())), write_if_changed(path, data)))
    return results


__all__ = ["page_path", "policy_ids", "render_page", "render_pages", "template_dirs", "write_pages"]
