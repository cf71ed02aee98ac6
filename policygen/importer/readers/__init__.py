"""One reader per file format, each ``read(path, data: bytes) -> Source`` (see ``importer.blocks``).

``reader_for`` picks one by the file's extension. The Markdown and HTML readers live in
``markdown.py`` and ``html.py``; until a reader's module is present, its format says so.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Callable

from policygen.importer.blocks import Source

# extension → the reader module's name (its ``read`` reads the file)
READERS = {".docx": "docx", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


class NotAvailable(ValueError):
    """No reader for this file: an extension we do not read, or a reader not yet installed."""


def reader_for(path: Path) -> Callable[[Path, bytes], Source]:
    extension = path.suffix.lower()
    module = READERS.get(extension)
    if module is None:
        raise NotAvailable(f"{path.name}: cannot import a {extension or 'file without an extension'}; "
                           f"give a Word (.docx), Markdown (.md) or HTML (.html) file")
    try:
        return importlib.import_module(f"policygen.importer.readers.{module}").read
    except ModuleNotFoundError as exc:
        if exc.name != f"policygen.importer.readers.{module}":
            raise
        raise NotAvailable(f"reading {extension} is not available yet") from None
