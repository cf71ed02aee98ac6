"""What a built HTML page links to, what anchors it offers, and whether it fetches anything."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.fetches: list[str] = []  # tags that would load something (src=, <link>)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "src" in a or tag == "link":
            self.fetches.append(tag)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])


def links(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser
