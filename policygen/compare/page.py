"""The comparison as an accessible HTML page: ``build/compare/<kind>.html``.

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

from policygen.compare.comparison import Comparison, by_kind, compare, kind_title
from policygen.compare.units import OrgPolicy
from policygen.load.document import LoadedPolicy, Loader
from policygen.model.vocabulary import Vocabulary
from policygen.project import PACKAGE_TEMPLATES, Project, Target

SUBDIR = "compare"
# Side by side stops being readable, and the page stops being small, past this many
# columns (policies): a larger library compares chosen ones with `policygen compare --orgs`.
MAX_ORGS_ON_PAGE = 30
# Pairs of similar clauses shown per topic on the page: a library of hundreds of
# organisations has thousands; the command line lists every one.
PAIRS_SHOWN = 12


def template_dirs(project: Project) -> list[Path]:
    """The project's templates/compare first, then the package's."""
    return [d for d in (project.root / "templates", PACKAGE_TEMPLATES) if (d / SUBDIR).is_dir()]


def page_path(kind: str) -> tuple[str, str]:
    """Where the page goes, as parts under build/ (for ``write.output_path``)."""
    return (SUBDIR, f"{kind}.html")


def link_label(vocabulary: Vocabulary | None, kind: str) -> str:
    """The register's link to a kind's page: "Compare the social media policies of every organisation"."""
    title = kind_title(vocabulary, kind) if vocabulary else kind.replace("-", " ")
    first = title.split()[0]
    phrase = title if first.isupper() else title[0].lower() + title[1:]  # "HR", "IT security" keep their capitals
    return f"Compare the {phrase} policies of every organisation"


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


def render_pages(
    project: Project, docs: list[LoadedPolicy], left_out: Iterable[Target] = (), kinds: Iterable[str] | None = None,
) -> list[tuple[Path, bytes]]:
    """One page per kind among ``docs`` (checked documents) held by two or more policies, rendered in memory.

    For ``policygen build`` (and ``policygen compare``, which names the ``kinds`` it compared): add
    these to what it writes after rendering the policies. Pages are made only when ``docs`` and
    ``left_out`` are every policy of the project, so a narrowed run never overwrites a comparison
    with part of it. A kind one policy holds has nothing to be compared with (its coverage of the
    kind's topics is ``policygen compare KIND``), and one held by more than MAX_ORGS_ON_PAGE
    policies would be unreadable: neither gets a page. ``left_out`` are policies with errors that
    the build reported and skipped: their kind's page compares the others.
    """
    from policygen.write import output_path

    vocabulary = Loader(project).vocabulary()
    if vocabulary is None or not {d.target for d in docs} | set(left_out) >= set(project.targets()):
        return []
    wanted = None if kinds is None else set(kinds)
    dirs = template_dirs(project)
    return [
        (output_path(project.build_dir, *page_path(kind)), render_page(compare(group, vocabulary), dirs))
        for kind, group in by_kind(docs, vocabulary).items()
        if (wanted is None or kind in wanted) and 2 <= len(group) <= MAX_ORGS_ON_PAGE
    ]


def write_pages(project: Project, docs: list[LoadedPolicy], left_out: Iterable[Target], kinds: Iterable[str]) -> list[tuple[str, bool]]:
    """Render then write the comparison pages of ``kinds``; (path relative to the project, changed) for each."""
    from policygen.write import write_if_changed

    results = []
    for path, data in render_pages(project, docs, left_out, kinds):
        results.append((str(path.relative_to(project.root.resolve())), write_if_changed(path, data)))
    return results


__all__ = ["link_label", "page_path", "render_page", "render_pages", "template_dirs", "write_pages"]
