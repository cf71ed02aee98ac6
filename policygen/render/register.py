"""The register page (build/index.html), the library site's home: every policy, its state, links
to each format and to its own page, the organisations, the kinds, and the search box."""

from __future__ import annotations

from pathlib import Path

from policygen.review.library import Library
from policygen.review.register import Entry, by_due_date
from policygen.render.templating import environment


def render_register(entries: list[Entry], formats: tuple[str, ...], template_dirs: list[Path], comparisons: list[dict] | None = None,
                    *, library: Library) -> bytes:
    env = environment(template_dirs, "html")
    page = env.get_template("register.html.j2").render(entries=by_due_date(entries), formats=formats, comparisons=comparisons or [], library=library)
    return page.encode("utf-8")
