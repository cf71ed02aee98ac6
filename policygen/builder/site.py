"""The library site around the documents: each organisation's and policy's page, and the search index.

Made after the documents are written, since a policy's page gives the size of each download
and lists the redlines `policygen diff` left beside it. The home page is the register,
made with the comparison pages. ``build/`` is the site: publish the folder as it is.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from policygen.builder.site_search import SUBDIR as SEARCH_DIR
from policygen.builder.git_head import head_commit
from policygen.render import FORMATS
from policygen.project import Project, Target

_REDLINE = re.compile(r"\.redline\.(.+)\.(html|docx)$")
# A page of the site, as the build cache names it (its documents and the register are keyed apart).
_SITE_PAGE = re.compile(rf"^(?:[^/]+/index\.html|[^/]+/[^/]+/index\.html|{SEARCH_DIR}/.+)$")


class SiteFailed(RuntimeError):
    pass


def is_site_file(rel: str) -> bool:
    return bool(_SITE_PAGE.match(rel))


def _redlines(build_dir: Path, target: Target) -> list[Path]:
    """What `policygen diff` wrote beside the policy's documents (``<policy>.redline.<pair>.html``)."""
    found = (build_dir / target.org_id).glob(f"{target.policy_id}.redline.*")
    return sorted(p for p in found if _REDLINE.search(p.name) and p.is_file())


def key(register_key: str, project: Project, targets: list[Target]) -> str:
    """The register's key, the commit HEAD names (each policy's timeline) and what `policygen diff`
    left beside the documents: a new redline, or another size of one, changes the policy's page."""
    h = hashlib.sha256(register_key.encode())
    h.update(f"{head_commit(project.root)}\0".encode())  # the timelines: read from git again only when HEAD moves
    for target in targets:
        for path in _redlines(project.build_dir, target):
            h.update(f"{path.name}\0{path.stat().st_size}\0".encode())
    return h.hexdigest()


def _natural(text: str) -> tuple:
    """'v4-v5' < 'v10-v11': numbers compared as numbers."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.findall(r"\d+|\D+", text))


def _downloads(build_dir: Path, target: Target, formats: tuple[str, ...], timeline=()):
    """Its documents, and the redlines beside them but those its ``timeline`` links already."""
    from policygen.render.site import FORMAT_NAMES, Downloads, File, size_text

    def file(path: Path, name: str) -> File:
        return File(f"../{path.name}", name, size_text(path.stat().st_size))

    docs = [build_dir / target.org_id / f"{target.policy_id}.{FORMATS[f].extension}" for f in formats]
    found = [file(p, FORMAT_NAMES.get(f, f.upper())) for f, p in zip(formats, docs) if p.is_file()]
    pairs: dict[str, list[Path]] = {}
    shown = {f.href for version in timeline for f in version.redlines}
    for path in _redlines(build_dir, target):
        if f"../{path.name}" in shown:
            continue
        pairs.setdefault(_REDLINE.search(path.name)[1], []).append(path)
    redlines = [
        file(p, f"Changes {_pair_words(pair)} ({FORMAT_NAMES[p.suffix[1:]]})")
        for pair in sorted(pairs, key=_natural, reverse=True) for p in sorted(pairs[pair])
    ]
    return Downloads(tuple(found), tuple(redlines))


def _pair_words(pair: str) -> str:
    m = re.fullmatch(r"v(.+)-v(.+)", pair)
    return f"from version {m[1]} to {m[2]}" if m else f"between {pair.replace('-', ' and ', 1)}"


def _clash(library) -> str | None:
    """A name that would put a document where a page of the site goes."""
    for org in library.organisations:
        if org.id == SEARCH_DIR:
            return f"organisations/{org.id}/: the folder build/{SEARCH_DIR}/ holds the search index; rename the organisation"
    for card in library.cards:
        if card.entry.policy == "index":
            return f"organisations/{card.entry.org}/index.yaml: build/{card.entry.org}/index.html is the organisation's page; rename the policy"
    return None


def site_files(project: Project, library, formats: tuple[str, ...], timelines=None) -> list[tuple[str, bytes]]:
    """The organisation and policy pages (with each policy's ``timelines``, if read from git), then
    the search index over them and the policies' HTML."""
    from policygen.builder.site_search import SearchIndexFailed, search_index, titled
    from policygen.render.site import Site, render_site_pages

    if clash := _clash(library):
        raise SiteFailed(clash)
    build_dir = project.build_dir
    timelines = timelines or {}
    site = Site(library, {
        (c.entry.org, c.entry.policy): _downloads(build_dir, Target(c.entry.org, c.entry.policy, project.organisations / c.entry.org), formats,
                                                  timelines.get((c.entry.org, c.entry.policy), ()))
        for c in library.cards
    }, timelines)
    pages = render_site_pages(site, project.template_dirs())
    documents = []  # each policy's own text, its result named with its organisation
    for e in (c.entry for c in library.cards):
        path = build_dir / e.org / f"{e.policy}.html"
        if path.is_file():
            documents.append((f"{e.org}/{e.policy}.html", titled(path.read_text(encoding="utf-8"), f"{e.title} ({e.org_name})")))
    # and the policies' pages, for what only they say: owner, approving committee, versions
    policy_pages = [(rel, data.decode("utf-8")) for rel, data in pages if rel.count("/") == 2]
    try:
        return [*pages, *search_index([*documents, *policy_pages])]
    except SearchIndexFailed as exc:
        raise SiteFailed(str(exc)) from None


def prune(build_dir: Path, cache, made: set[str]) -> None:
    """Remove the search-index files the new index no longer has (their names are digests of
    their contents, so an old fragment is never overwritten): only files the cache says the
    build wrote there."""
    for rel in [r for r in cache.entries if r.startswith(f"{SEARCH_DIR}/") and r not in made]:
        (build_dir / rel).unlink(missing_ok=True)
        del cache.entries[rel]
