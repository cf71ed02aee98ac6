"""Render: one module per output format, each reading the same DocumentView.

Renderers are looked up by name and imported only when a build asks for
their format: WeasyPrint and python-docx are slow to import, and commands
that do not render them should not pay for it.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:  # importing the view model pulls in pydantic; --help must stay fast
    from policygen.resolve import DocumentView

# format → "module:function"; each function is (DocumentView, RenderContext) -> bytes.
RENDERERS = {
    "html": "policygen.render.html:render_html",
    "docx": "policygen.render.docx.document:render_docx",
    "pdf": "policygen.render.pdf:render_pdf",
    "md": "policygen.render.markdown:render_markdown",
}
FORMATS = tuple(RENDERERS)


@dataclass
class RenderContext:
    """What a renderer may need beyond the view model; shared across formats of one document."""

    template_dirs: list[Path]
    cache: dict[str, object] = field(default_factory=dict, repr=False)

    def page_numbers(self, doc: "DocumentView") -> dict[str, int]:
        """Anchor → page number in the paged (PDF) layout of this document, computed once."""
        from policygen.render.pdf import page_numbers

        return page_numbers(doc, self)

    def page_count(self, doc: "DocumentView") -> int:
        """How many pages the paged (PDF) layout of this document has."""
        from policygen.render.pdf import layout

        return len(layout(doc, self).pages)


def preload(formats) -> None:
    """Import the renderers (and the libraries they pull in) now, before worker processes fork.

    Forked workers then share the imported code instead of each paying for
    WeasyPrint's import (about 0.6 s) again.
    """
    for fmt in formats:
        module = importlib.import_module(RENDERERS[fmt].partition(":")[0])
        getattr(module, "preload", lambda: None)()


def renderer(fmt: str) -> Callable[["DocumentView", RenderContext], bytes]:
    module, _, func = RENDERERS[fmt].partition(":")
    return getattr(importlib.import_module(module), func)
