"""The Jinja environment: an organisation's templates override the project's."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2


def environment(search_path: list[Path], subdir: str, filters: dict | None = None) -> jinja2.Environment:
    """Templates under ``<dir>/<subdir>`` for each dir, first match wins, with ``filters`` added.

    StrictUndefined turns a typo in a template into an error instead of a
    silently empty field in a published policy. One environment per search
    path and set of filters is kept for the life of the process, so each
    template is compiled once per build rather than once per document (Jinja
    still reloads a template whose file changed), and no caller changes an
    environment another one is using. Filters must therefore hold no page's
    state: each takes what it needs as an argument.
    """
    return _environment(tuple(search_path), subdir, tuple(sorted((filters or {}).items())))


@lru_cache(maxsize=64)
def _environment(search_path: tuple[Path, ...], subdir: str, filters: tuple) -> jinja2.Environment:
    loader = jinja2.FileSystemLoader([str(d / subdir) for d in search_path])
    env = jinja2.Environment(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(filters)
    return env
