"""The library site's own pages: one per organisation (build/<org>/index.html) and one per
policy (build/<org>/<policy>/index.html), beside the documents they link to.

Only lays out: what each policy is comes from ``review/library.py``, what was written
beside it (each download's size, the redlines) from the build, as ``Downloads``.
Every link is relative, so the folder can be published anywhere as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from policygen.render.templating import environment
from policygen.review.library import Card, Library

# How a link names each format: "Download the PDF of Social Media Policy (120 KB)".
FORMAT_NAMES = {"html": "web page", "pdf": "PDF", "docx": "Word document", "md": "Markdown text"}


@dataclass(frozen=True)
class File:
    href: str  # relative to the page that links it
    name: str  # "PDF", "Word document", "Changes from version 4 to 5 (web page)"
    size: str  # "120 KB"


@dataclass(frozen=True)
class Downloads:
    """What the build wrote for one policy."""

    formats: tuple[File, ...] = ()
    redlines: tuple[File, ...] = ()  # newest first


@dataclass(frozen=True)
class TimelineVersion:
    """One version on a policy's timeline, as git records it: facts in words, true whatever day they are read."""

    name: str  # "version 4.0", "unnumbered version"
    period: str  # "In force from 1 February 2024 to 1 March 2025", "… (current)", "Approved …, in force from …"
    starts: str | None  # ISO date, for a version approved ahead of its start: the reader's browser says whether it has come
    approved: str | None  # "10 January 2025 by Trust Board; ratified by Council"
    summary: str | None
    document: File | None  # the version's own web page, saying the same under its title
    redlines: tuple[File, ...] = ()  # from the version before
    note: str | None = None  # why a document or redline is missing


@dataclass
class Site:
    library: Library
    downloads: dict[tuple[str, str], Downloads] = field(default_factory=dict)  # (org, policy) → files
    timelines: dict[tuple[str, str], tuple[TimelineVersion, ...]] = field(default_factory=dict)  # newest first; none outside git


def size_text(n: int) -> str:
    """Sizes as a reader says them: 900 bytes, 12 KB, 1.4 MB."""
    if n < 1000:
        return f"{n} bytes"
    if n < 1_000_000:
        return f"{round(n / 1000)} KB"
    return f"{n / 1_000_000:.1f} MB"


def organisation_page(org_id: str) -> str:
    return f"{org_id}/index.html"


def policy_page(org_id: str, policy_id: str) -> str:
    return f"{org_id}/{policy_id}/index.html"


def render_site_pages(site: Site, template_dirs: list[Path]) -> list[tuple[str, bytes]]:
    """Every organisation's page and every policy's page, as (path under build/, bytes)."""
    env = environment(template_dirs, "html")
    lib = site.library
    pages = []
    for org in lib.organisations:
        html = env.get_template("site/organisation.html.j2").render(org=org, cards=lib.of_organisation(org.id))
        pages.append((organisation_page(org.id), html.encode("utf-8")))
    for card in lib.cards:
        pages.append((policy_page(card.entry.org, card.entry.policy), _policy(env, site, card)))
    return pages


def _policy(env, site: Site, card: Card) -> bytes:
    e = card.entry
    org = next(o for o in site.library.organisations if o.id == e.org)
    downloads = site.downloads.get((e.org, e.policy), Downloads())
    html = env.get_template("site/policy.html.j2").render(
        card=card, e=e, org=org, downloads=downloads, timeline=site.timelines.get((e.org, e.policy), ()))
    return html.encode("utf-8")
