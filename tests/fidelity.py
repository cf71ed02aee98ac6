"""Seed fidelity: every sentence of a source policy must appear in a rendering.

The seeds are plain-text conversions of Word and PDF files, with conversion
noise that is not content (stray HTML and Markdown, tab-separated cells, page
numbers and typed contents pages). We strip that noise, split the rest into
sentences and table cells, and require each one's words, in order, in the
output. Comparison ignores case, punctuation, quotes, markup (underscore emphasis
included) and section numbers (numbering is generated, so it may differ from a
defective source); abbreviated month names and ordinal days are spelled one way
on both sides.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# Each organisation keeps its source beside its data: organisations/<org>/sources/<policy>.txt.
ORGANISATIONS = Path(__file__).resolve().parents[1] / "organisations"


@dataclass
class Seed:
    org: str
    policy: str
    # Lines that are conversion noise, each with the reason it is skipped.
    skip: dict[str, str] = field(default_factory=dict)
    # (first line, line after the last) regexes of a typed contents page: generated instead.
    contents: tuple[str, str] | None = None

    @property
    def source(self) -> Path:
        return ORGANISATIONS / self.org / "sources" / f"{self.policy}.txt"

    def output(self, root: Path, ext: str) -> Path:
        """The policy's built document of one format under a project root."""
        return root / "build" / self.org / f"{self.policy}.{ext}"


SEED_LIST = [
    Seed("cpss", "social-media"),
    Seed(
        "swlccg", "social-media",
        contents=(r"^Contents$", r"^1\. Introduction$"),
    ),
    Seed(
        "focus", "social-media",
        contents=(r"^Contents$", r"^1\. INTRODUCTION$"),
    ),
    Seed(
        "lchs", "social-media",
        skip={r"^\d+(\t)*$": "empty version-control rows 5-19, a Word artefact"},
        contents=(r"^- i\. \*\*Version control sheet\*\*$", r"^1 Introduction$"),
    ),
    Seed(
        "eput", "social-media",
        skip={
            r"^## CPG58 - SOCIAL MEDIA PROCEDURE$": "a running page header caught mid-text by the conversion",
        },
        contents=(r"^- 1\.0 INTRODUCTION\*\*$", r"^\*\*ESSEX PARTNERSHIP UNIVERSITY NHS FOUNDATION TRUST\*\*$"),
    ),
    Seed(
        "strategy-unit", "open-source",
        skip={
            r"^---$": "the fences of the Quarto front matter",
            r"^(date-modified|date-format|format): ": "Quarto settings: how the page is made, not its text",
            r"^(title|author|date|license): ": "Quarto metadata: captured as the title and front sheet (licence: see the notes)",
            r"^### (Version|Source) \{\.appendix\}$": "Quarto appendix headings: the version is on the front sheet, the source a section",
        },
    ),
    Seed(
        "gds", "security-notice",
        skip={
            r"^---$": "a Markdown horizontal rule before the further reading",
            r"^\[[^\]]+\]: (mailto:|https://)": "Markdown reference-link targets: written inline in the links they belong to",
        },
    ),
    Seed(
        "opensafely", "data-access",
        skip={
            r"^!!! note$": "the MkDocs admonition marker of the note before the introduction (the note is the preamble)",
        },
    ),
    Seed(
        "turing-way", "code-of-conduct",
        contents=(r"^\* \[1 Introduction\]\(#1-introduction\)$", r"^## 1 Introduction$"),
    ),
]

# The seed each organisation is tested by (one policy each), for the per-organisation tests.
SEEDS = {s.org: s for s in SEED_LIST}

MONTHS = {
    "jan": "january", "feb": "february", "mar": "march", "apr": "april", "jun": "june",
    "jul": "july", "aug": "august", "sep": "september", "sept": "september", "oct": "october",
    "nov": "november", "dec": "december",
}
_SECTION_NUMBER = re.compile(r"^\d{1,2}$")
_ORDINAL = re.compile(r"^(\d{1,2})(st|nd|rd|th)$")


def words(text: str) -> list[str]:
    """Lower-case words with quotes, punctuation and section numbers dropped.

    Underscores at a word's ends are Markdown emphasis (`_why_`), not part of it; inside a word
    (`file_name`) they stay.
    """
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    out = []
    for w in re.findall(r"\w+", text.lower()):
        w = w.strip("_")
        if not w:
            continue
        m = _ORDINAL.match(w)
        if m:
            w = m[1]
        w = MONTHS.get(w, w)
        if _SECTION_NUMBER.match(w):
            continue
        out.append(w)
    return out


def link_text(text: str) -> str:
    """Markdown links as their text: [text](url) → text (a target is not a sentence's words)."""
    return re.sub(r"\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)", r"\1", text)


def _clean(line: str) -> str:
    line = re.sub(r"<[^>]+>", " ", line)  # stray HTML
    line = html.unescape(line)
    line = link_text(line)
    line = re.sub(r"<(https?://[^>]+)>", r"\1", line)
    line = re.sub(r"^\s*#+\s*", "", line)  # heading hashes
    line = line.replace("**", "").replace("•", " ")
    line = re.sub(r"^\s*-\s+", "", line)  # bullets
    return line


def content_lines(seed: Seed) -> list[str]:
    """The seed's lines without its typed contents page and the lines it skips as noise."""
    out: list[str] = []
    in_contents = False
    for raw in seed.source.read_text(encoding="utf-8").splitlines():
        stripped = raw.strip()
        if seed.contents:
            start, end = seed.contents
            if not in_contents and re.match(start, stripped):
                in_contents = True
                continue
            if in_contents:
                if re.match(end, stripped):
                    in_contents = False
                else:
                    continue
        if not any(re.match(rx, stripped) for rx in seed.skip):
            out.append(raw)
    return out


def sentences(text: str) -> list[str]:
    """A paragraph or table cell's sentences that have words."""
    return [s.strip() for s in re.split(r"(?<=[.!?;:])\s+(?=[A-Z\"'“‘(])", text) if words(s)]


def fragments(seed: Seed) -> list[str]:
    """The seed's sentences and table cells, noise removed."""
    return [s for raw in content_lines(seed) for cell in _clean(raw).split("\t") for s in sentences(cell)]


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self._skip += 1
        self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._skip -= 1
        self.parts.append(" ")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def html_text(markup: str) -> str:
    parser = _Text()
    parser.feed(markup)
    return "".join(parser.parts)


def missing_fragments(seed: Seed, output_text: str) -> list[str]:
    haystack = " " + " ".join(words(output_text)) + " "
    return [f for f in fragments(seed) if " " + " ".join(words(f)) + " " not in haystack]
