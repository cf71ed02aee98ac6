"""Writing a source's inline text as the Markdown policy text is made of.

Both the HTML and the Markdown reader rebuild a paragraph's text from parsed pieces (text,
emphasis, links, code), so the rules live here once: text is escaped so it reads back as the
same words (policy text is Markdown, and ``{`` starts a reference), and a link survives only
when it points at the web or an email address. Anything else (``javascript:``, ``file:``,
a page of the source's own site, an in-page anchor) cannot work from a policy document, and
keeping it could run or fetch something, so its words stay and its target goes.
"""

from __future__ import annotations

import re

# A link target a policy document may carry: the web and email, nothing a reader could run or fetch locally.
SAFE_HREF = re.compile(r"(?:https?://|mailto:)[^\s<>\x00-\x1f]+\Z", re.IGNORECASE)

_ALWAYS = re.compile(r"[\\`*\[\]{}]")
_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")


def escape(text: str) -> str:
    """``text`` as Markdown that reads back as exactly these characters.

    Only what would otherwise start markup is escaped (``_`` inside a word is not emphasis,
    ``<`` before a space is not a tag), so ordinary prose stays readable in the YAML. Typed
    numbers at the start ("1.", "-") are left alone: recognising them is the recogniser's job.
    """
    text = _ALWAYS.sub(lambda m: "\\" + m[0], text)
    text = _UNDERSCORE.sub(r"\\_", text)
    text = _TAG_START.sub(r"\\<", text)
    return _ENTITY.sub(r"\\&", text)


def _split(inner: str) -> tuple[str, str, str]:
    core = inner.strip()
    lead = inner[: len(inner) - len(inner.lstrip())]
    return lead, core, inner[len(lead) + len(core) :]


def wrap(marker: str, inner: str) -> str:
    """Emphasis around ``inner`` with its outer spaces moved outside, which CommonMark needs
    (``** bold **`` is not bold); nothing at all when ``inner`` is only space."""
    lead, core, trail = _split(inner)
    return f"{lead}{marker}{core}{marker}{trail}" if core else inner


def link(inner: str, href: str | None) -> str:
    """``[inner](href)`` for a web or email target, otherwise just the words."""
    href = (href or "").strip()
    lead, core, trail = _split(inner)
    if not core or not SAFE_HREF.match(href):
        return inner
    if href in (core, f"mailto:{core}"):
        return f"{lead}<{core}>{trail}"  # an autolink, written the short way
    target = f"<{href}>" if "(" in href or ")" in href else href
    return f"{lead}[{core}]({target}){trail}"


def code(text: str) -> str:
    """A code span holding ``text`` verbatim, fenced by more backticks than it contains."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def spaces(text: str) -> str:
    """Runs of white space as one space, ends trimmed: how HTML shows text, and how a
    Markdown paragraph's soft line breaks read."""
    return re.sub(r"\s+", " ", text).strip()
