"""The Jinja environment: an organisation's templates override the project's."""

from __future__ import annotations

from pathlib import Path

import jinja2


def environment(search_path: list[Path], subdir: str) -> jinja2.Environment:
    """Templates under ``<dir>/<subdir>`` for each dir, first match wins.

    StrictUndefined turns a typo in a template into an error instead of a
    silently empty field in a published policy.
    """
    loader = jinja2.FileSystemLoader([str(d / subdir) for d in search_path])
    return jinja2.Environment(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
