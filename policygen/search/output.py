"""Hits for people and for programs: a ranked list for the terminal, JSON for scripts.

On a terminal the matching words are in bold colour (rich, which the build's
progress bar already uses); piped or redirected, they are [between brackets].
JSON gives the exact text with the character offsets of each match, and the
bracketed snippet besides, in a fixed key order, so the same query on the same
policies prints the same bytes. Both say which words were also searched for (the
related words of ``related``), and JSON which words each clause matched.
"""

from __future__ import annotations

import json
import textwrap

from policygen.search.results import Hit, marked, snippet

SNIPPET = 220


def where(hit: Hit, open_: str = "", close: str = "") -> str:
    """"swlccg/social-media 5.6 ¶2 · Ensure comments are factually and legally sound": the heading
    without the number the cite already gives ("1.1 · Introduction", not "1.1 · 1 Introduction"),
    none when the cite is the heading, its matching words marked."""
    heading, spans = hit.heading, hit.heading_matches
    number, _, title = heading.partition(" ")
    cite = hit.number.split()[0] if hit.number else ""
    if title and (cite == number or cite.startswith(number + ".")):
        cut = len(number) + 1
        heading, spans = title, tuple((max(s - cut, 0), e - cut) for s, e in spans if e > cut)
    if hit.number.startswith(heading):
        heading = ""
    return f"{hit.org}/{hit.policy} {hit.number}" + (f" · {marked(heading, spans, open_, close)}" if heading else "")


def also_searched(also: dict[str, tuple[str, ...]]) -> str:
    """"also searched: image, picture for photographs; service user, client for patients", or ""."""
    if not also:
        return ""
    return "also searched: " + "; ".join(f"{', '.join(words)} for {typed}" for typed, words in also.items())


def render_text(hits: list[Hit], total: int, width: int = 100, open_: str = "[", close: str = "]",
                also: dict[str, tuple[str, ...]] | None = None) -> str:
    lines: list[str] = []
    if also:
        lines += [*textwrap.wrap(also_searched(also), width, subsequent_indent="  ", break_on_hyphens=False), ""]
    for rank, hit in enumerate(hits, 1):
        text, spans = snippet(hit.text, hit.matches, SNIPPET)
        lines.append(f"{rank}. {where(hit, open_, close)}")
        lines.append(f"   {hit.org_name}, {hit.title}")
        lines += textwrap.wrap(marked(text, spans, open_, close), width, initial_indent="   ", subsequent_indent="   ",
                               break_on_hyphens=False)
        lines.append("")
    shown = f"the first {len(hits)} of {total}" if len(hits) < total else f"{total}"
    lines.append(f"{shown} matching clause{'s' if total != 1 else ''}")
    return "\n".join(lines) + "\n"


def print_rich(hits: list[Hit], total: int, width: int, also: dict[str, tuple[str, ...]] | None = None) -> None:
    """The text listing on a terminal, the markers turned into style (policy text is never read as markup)."""
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, soft_wrap=True)
    for line in render_text(hits, total, width, "\x02", "\x03", also).splitlines():
        out, style = Text(), None
        for part in _split_marks(line):
            if part == "\x02":
                style = "bold yellow"
            elif part == "\x03":
                style = None
            else:
                out.append(part, style=style)
        console.print(out)


def _split_marks(line: str) -> list[str]:
    parts, current = [], ""
    for ch in line:
        if ch in "\x02\x03":
            parts += [current, ch]
            current = ""
        else:
            current += ch
    return [*parts, current]


def render_json(query: str, hits: list[Hit], total: int, also: dict[str, tuple[str, ...]] | None = None) -> str:
    items = []
    for hit in hits:
        text, spans = snippet(hit.text, hit.matches, SNIPPET)
        items.append({
            "organisation": hit.org, "organisation_name": hit.org_name, "policy": hit.policy, "title": hit.title,
            "kind": hit.kind or None, "number": hit.number, "heading": hit.heading or None, "id": hit.block,
            "href": hit.anchor_path, "score": hit.score, "text": hit.text, "matches": [list(s) for s in hit.matches],
            "heading_matches": [list(s) for s in hit.heading_matches], "snippet": marked(text, spans),
            "matched_words": list(dict.fromkeys(w.lower() for w in _words(hit))),
        })
    also_json = {typed: list(words) for typed, words in (also or {}).items()}
    return json.dumps({"query": query, "also_searched": also_json, "total": total, "hits": items}, ensure_ascii=False, indent=2) + "\n"


def _words(hit: Hit) -> list[str]:
    """The words matched in a hit's heading, then its text, as written there."""
    return [hit.heading[s:e] for s, e in hit.heading_matches] + [hit.text[s:e] for s, e in hit.matches]
