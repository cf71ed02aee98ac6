"""HTML: one self-contained, accessible page per policy (CSS inline, no network)."""

from __future__ import annotations

import base64
from functools import partial
from types import MethodType

from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markupsafe import Markup

from policygen.load.images import PictureFile
from policygen.model.organisation import NumberKind
from policygen.render import RenderContext
from policygen.render.templating import environment
from policygen.resolve import DocumentView
from policygen.resolve.text import PARSER, parse


def _render_xref(_renderer, tokens, idx, _options, env) -> str:
    """A link to the block: in this page, or in another policy's output beside this one in
    build/, in the format being made (``env["extension"]``: the PDF links to the PDF)."""
    meta = tokens[idx].meta
    href = (meta["document"] + env["extension"] if meta["document"] else "") + "#" + meta["anchor"]
    return f'<a href="{escapeHtml(href)}">{escapeHtml(meta["text"])}</a>'


# This format's own renderer: the shared parser is read, never changed, by the formats.
_RENDERER = RendererHTML()
_RENDERER.rules["xref"] = MethodType(_render_xref, _RENDERER)


# The HTML ``type`` of each kind of list count; the class carries the same to CSS (and WeasyPrint).
LIST_TYPES = {
    NumberKind.arabic: "1", NumberKind.lower_alpha: "a", NumberKind.upper_alpha: "A",
    NumberKind.lower_roman: "i", NumberKind.upper_roman: "I",
}


def markdown_html(text: str, doc: DocumentView, extension: str = ".html") -> Markup:
    """Clause Markdown → HTML; raw HTML in the text is escaped by the parser."""
    tokens = parse(text, doc.refs)
    depth = 0
    for tok in tokens:
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            kind = doc.list_kind(depth)
            if kind and tok.type == "ordered_list_open":
                tok.attrSet("type", LIST_TYPES[kind])
                tok.attrSet("class", f"list-{kind.value}")
            if tok.type == "ordered_list_open" and (start := int(tok.attrs.get("start", 1) or 1)) != 1:
                # the PDF's WeasyPrint ignores <ol start>; the list-item counter says the same to it and to browsers
                tok.attrSet("style", f"counter-reset: list-item {start - 1}")
            depth += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
    return Markup(_RENDERER.render(tokens, PARSER.options, {"extension": extension}))


def inline(html: Markup) -> Markup:
    """Rendered Markdown without the wrapping paragraph, for table cells and labels."""
    text = str(html).strip()
    if text.startswith("<p>") and text.endswith("</p>") and text.count("<p>") == 1:
        text = text[3:-4]
    return Markup(text)


def markdown_inline_html(text: str, doc: DocumentView, extension: str = ".html") -> Markup:
    """As markdown_html, without the wrapping paragraph."""
    return inline(markdown_html(text, doc, extension))


def data_uri(picture: PictureFile) -> str:
    """The picture inside the page itself, so the HTML stays one self-contained file."""
    return f"data:{picture.media_type};base64,{base64.b64encode(picture.data).decode('ascii')}"


def _filters(extension: str) -> dict:
    return {"md": partial(markdown_html, extension=extension), "md_inline": partial(markdown_inline_html, extension=extension), "data_uri": data_uri}


# The page's filters, by ``paged``: the same page links other policies' HTML, or (paged, for the PDF) their PDF.
FILTERS = {False: _filters(".html"), True: _filters(".pdf")}


def html_page(
    doc: DocumentView, ctx: RenderContext, *, paged: bool = False, fonts: list | None = None, families: list[str] | None = None
) -> str:
    """The policy page; ``paged`` adds the print layout the PDF is made from."""
    env = environment(ctx.template_dirs, "html", FILTERS[paged])
    return env.get_template("policy.html.j2").render(
        doc=doc, paged=paged, fonts=fonts or [], families=families or []
    )


def render_html(doc: DocumentView, ctx: RenderContext) -> bytes:
    return html_page(doc, ctx).encode("utf-8")
