"""Render: one module per output format, each reading the same DocumentView.

Each format is declared once, in ``FORMATS``, with every trait the rest of the
program needs to know about it: the build orders and caches by these traits and
never by a format's name. The renderer itself is named, not imported:
WeasyPrint and python-docx are slow to import, and a no-op build or a command
that does not render should not pay for them.

To add a format: write ``policygen/render/<name>.py`` with a function
``(DocumentView, RenderContext) -> bytes`` and declare it here.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:  # importing the view model pulls in pydantic; --help must stay fast
    from policygen.resolve import DocumentView


@dataclass(frozen=True)
class Format:
    """An output format's traits, known without importing its renderer."""

    name: str
    renderer: str  # "module:function"; the function is (DocumentView, RenderContext) -> bytes
    extension: str  # of build/<organisation>/<policy>.<extension>
    templated: bool  # laid out through the Jinja templates, so they are among its cache inputs
    paged: bool = False  # laid out on A4 pages (WeasyPrint), which is slow: rendered first and shared
    layout_from: str | None = None  # the format whose layout this one reads (its inputs are this one's too)
    word_template: bool = False  # built on the organisation's Word template (style.word_template), an input too

    def cache_templates(self) -> bool:
        """Whether the templates are among this format's inputs, directly or through the layout it reads."""
        return self.templated or (self.layout_from is not None and FORMATS[self.layout_from].cache_templates())


FORMATS = {
    f.name: f
    for f in (
        Format("html", "policygen.render.html:render_html", "html", templated=True),
        # The contents page numbers are where the PDF's layout puts each heading.
        Format("docx", "policygen.render.docx.document:render_docx", "docx", templated=False, layout_from="pdf",
               word_template=True),
        Format("pdf", "policygen.render.pdf:render_pdf", "pdf", templated=True, paged=True),
        Format("md", "policygen.render.markdown:render_markdown", "md", templated=False),
    )
}


@dataclass
class RenderContext:
    """What a renderer may need beyond the view model; shared across formats of one document,
    so a layout one format makes (the PDF's pages) is made once and read by the others."""

    template_dirs: list[Path]
    cache: dict[str, object] = field(default_factory=dict, repr=False)


def render_order(formats: tuple[str, ...]) -> list[str]:
    """``formats`` with every format another one reads the layout of first, else in the order given."""
    read = {FORMATS[f].layout_from for f in formats}
    return sorted(formats, key=lambda f: (f not in read, formats.index(f)))


def preload(formats) -> None:
    """Import the renderers (and the libraries they pull in) now, before worker processes fork.

    Forked workers then share the imported code instead of each paying for
    WeasyPrint's import (about 0.6 s) again.
    """
    for fmt in formats:
        module = importlib.import_module(FORMATS[fmt].renderer.partition(":")[0])
        getattr(module, "preload", lambda: None)()


def renderer(fmt: str) -> Callable[["DocumentView", RenderContext], bytes]:
    module, _, func = FORMATS[fmt].renderer.partition(":")
    return getattr(importlib.import_module(module), func)
