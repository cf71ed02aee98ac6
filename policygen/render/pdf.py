"""PDF: the HTML page laid out on A4 by WeasyPrint, tagged, reproducible.

The PDF is made from the same templates as the HTML with ``paged`` set, which
adds print CSS (running header and footer, contents page numbers through
``target-counter``) and the bundled fonts. Reproducibility: the fonts are
shipped with the package, dates come from the policy, and nothing else is
fetched: the URL fetcher refuses every URL but the bundled font files and the
data: URIs of the document's own validated pictures (so an SVG cannot pull in
anything either).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from policygen.project import FONT_DIR
from policygen.render import RenderContext
from policygen.render.html import data_uri, html_page
from policygen.resolve import DocumentView

_TEXT_FACES = [
    ("LiberationSans-Regular.ttf", "normal", "normal"),
    ("LiberationSans-Bold.ttf", "bold", "normal"),
    ("LiberationSans-Italic.ttf", "normal", "italic"),
    ("LiberationSans-BoldItalic.ttf", "bold", "italic"),
]
SYMBOLS_FAMILY = "Policygen Symbols"
_SYMBOL_FACES = [
    ("DejaVuSansSymbols.ttf", "normal", "normal"),
    ("DejaVuSansSymbols-Bold.ttf", "bold", "normal"),
]
# fontTools stamps the current time into subset fonts unless this is set.
os.environ.setdefault("SOURCE_DATE_EPOCH", "0")


@dataclass(frozen=True)
class FontFace:
    family: str
    url: str
    weight: str
    style: str


class BlockedURL(Exception):
    pass


def local_files_only(pictures: frozenset[str]):
    """A WeasyPrint URL fetcher that serves the bundled fonts and ``pictures`` and refuses anything else.

    Policy text must never make the renderer fetch a URL or read a local file;
    our own CSS only ever points at the font files shipped with the package, and
    the page at the pictures validation vetted, as the data: URIs the HTML embeds
    (``pictures``, matched exactly). Everything else, such as what an SVG links
    to, is refused.
    """
    from weasyprint.urls import URLFetcher

    class _Fetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("file://"):
                path = Path(url[len("file://"):]).resolve()
                if path.parent == FONT_DIR and path.suffix == ".ttf":
                    return super().fetch(url, headers)
            elif url in pictures:
                return super().fetch(url, headers)
            raise BlockedURL(f"policygen does not fetch {url}")

    return _Fetcher(allowed_protocols={"file", "data"})


TEXT_FAMILY = "Liberation Sans"


def _faces() -> list[FontFace]:
    """@font-face rules for the bundled files: the PDF never depends on the machine's fonts.

    The house font (Arial for the NHS) is drawn with Liberation Sans, which has
    the same metrics, so line breaks and page breaks are those of Arial.
    """
    faces = [FontFace(TEXT_FAMILY, (FONT_DIR / n).as_uri(), w, s) for n, w, s in _TEXT_FACES]
    faces += [FontFace(SYMBOLS_FAMILY, (FONT_DIR / n).as_uri(), w, s) for n, w, s in _SYMBOL_FACES]
    return faces


def preload() -> None:
    import weasyprint  # noqa: F401

    import weasyprint.text.fonts  # noqa: F401


def layout(doc: DocumentView, ctx: RenderContext):
    """The laid-out weasyprint Document, computed once per document and shared."""
    cached = ctx.cache.get("pdf-layout")
    if cached is None:
        import logging

        from weasyprint import HTML
        from weasyprint.text.fonts import FontConfiguration

        logging.getLogger("weasyprint").setLevel(logging.ERROR)
        source = html_page(doc, ctx, paged=True, fonts=_faces(), families=[TEXT_FAMILY, SYMBOLS_FAMILY])
        fonts = FontConfiguration()
        # No base URL: the fonts are named by absolute file: URLs, and a relative link (another
        # policy's PDF beside this one in build/) stays relative instead of pointing into the package.
        cached = HTML(string=source, base_url=None, url_fetcher=local_files_only(frozenset(data_uri(p.file) for p in doc.pictures()))).render(
            font_config=fonts, pdf_tags=True, pdf_variant="pdf/ua-1"
        )
        ctx.cache["pdf-layout"] = cached
    return cached


def page_numbers(doc: DocumentView, ctx: RenderContext) -> dict[str, int]:
    """Anchor → 1-based page number where it lands in the PDF."""
    numbers: dict[str, int] = {}
    for index, page in enumerate(layout(doc, ctx).pages, start=1):
        for anchor in page.anchors:
            numbers.setdefault(anchor, index)
    return numbers


def render_pdf(doc: DocumentView, ctx: RenderContext) -> bytes:
    identifier = f"{doc.org.id}/{doc.policy.id}/{doc.version or ''}".encode()
    return layout(doc, ctx).write_pdf(pdf_identifier=identifier, pdf_variant="pdf/ua-1", pdf_tags=True)
