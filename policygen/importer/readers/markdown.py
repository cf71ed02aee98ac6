"""Reading a Markdown file: CommonMark with tables, parsed by markdown-it-py.

markdown-it-py is the parser policygen already renders clause text with, so a file reads here
exactly as its text will render later. Its token stream carries each block's source lines, for
the report's ``file:line``. Inline text is rebuilt from the parsed pieces rather than copied,
so reference-style links arrive as ordinary links and stray HTML tags and pictures come out
(each reported as Skipped); nothing is fetched or run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from policygen.importer.blocks import Block, Cell, Heading, Notice, Paragraph, Row, Skipped, Source, Table, Unreadable, Where
from policygen.importer.readers import inline
from policygen.importer.readers.lists import CONTENTS, auto_number, list_start
from policygen.importer.readers.textfile import decode

# Raw HTML is parsed (never rendered) only so that it arrives as its own token and can be skipped.
_PARSER = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False, "maxNesting": 100}).enable("table")
# Every link parses as a link, so one rule (inline.link) decides which targets survive and a
# ``javascript:`` link keeps its words rather than arriving as bracketed source.
_PARSER.validateLink = lambda url: True


class _TooDeep(Exception):
    def __init__(self, line: int):
        self.line = line


def _guarded_tokenize(state, start_line: int, end_line: int) -> None:
    """markdown-it stops reading quotes or lists nested past ``maxNesting`` and silently drops
    what is inside (its own test, repeated here); refusing the file says so instead."""
    line = state.skipEmptyLines(start_line)
    if state.level >= state.md.options.maxNesting and line < end_line and state.sCount[line] >= state.blkIndent:
        raise _TooDeep(line + 1)
    _block_tokenize(state, start_line, end_line)


_block_tokenize = _PARSER.block.tokenize
_PARSER.block.tokenize = _guarded_tokenize

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
# Pandoc and Quarto heading attributes, "## Appendix {.appendix}" or "{#id}": markup, not words.
_HEADING_ATTRS = re.compile(r"\s*\{\s*[#.-][^{}]*\}\s*\Z")
_BREAK_TAG = re.compile(r"<br\s*/?>\Z", re.IGNORECASE)


def read(path: Path, data: bytes) -> Source:
    name = path.name
    text, notices = decode(name, data, "Markdown")
    text, title, front_notices = _front_matter(name, text)
    reader = _Reader(name)
    try:
        tokens = _PARSER.parse(text)
    except _TooDeep as deep:
        raise Unreadable(Where(name, line=deep.line), f"quotes or lists nested too deeply to read (the parser stops at {_PARSER.options.maxNesting} levels); nothing imported") from None
    reader.walk(tokens)
    if not any(not isinstance(b, Skipped) for b in reader.blocks):
        raise Unreadable(Where(name), "has no text")
    return Source(file=name, blocks=tuple(reader.blocks), title=title, notices=notices + front_notices + tuple(reader.notices))


def _front_matter(name: str, text: str) -> tuple[str, str | None, tuple[Notice, ...]]:
    """The text with any YAML front matter blanked (its lines kept, so line numbers hold) and its title."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return text, None, ()
    blanked = "\n" * m[0].count("\n") + text[m.end() :]
    try:
        meta = yaml.safe_load(m[1])
    except yaml.YAMLError:
        return blanked, None, (Notice("front matter is not YAML: ignored", Where(name, line=1)),)
    title = meta.get("title") if isinstance(meta, dict) else None
    return blanked, inline.spaces(title) if isinstance(title, str) and title.strip() else None, ()


@dataclass
class _List:
    counting: str
    contents: bool = False  # a list of in-page links: a contents list, kept but styled so
    start: int = 1


@dataclass
class _Reader:
    """One pass over the block tokens, keeping what encloses the current one (lists, quotes, a table)."""

    file: str
    blocks: list[Block] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    lists: list[_List] = field(default_factory=list)
    item_open: list[bool] = field(default_factory=list)  # per open list item: still waiting for its first paragraph
    quotes: int = 0
    headings: int = 0
    rows: list[Row] | None = None
    cells: list[Cell] = field(default_factory=list)
    header: bool = False

    def where(self, token: Token) -> Where:
        return Where(self.file, line=token.map[0] + 1 if token.map else None)

    def walk(self, tokens: list[Token]) -> None:
        pending: Token | None = None  # the opening token whose inline content comes next
        for index, token in enumerate(tokens):
            kind = token.type
            if kind in ("heading_open", "paragraph_open", "th_open", "td_open"):
                pending = token
            elif kind == "inline":
                self.inline(pending, token)
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self.open_list(token, contents=_is_contents(tokens, index))
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif kind == "list_item_open":
                self.item_open.append(True)
            elif kind == "list_item_close":
                self.item_open.pop()
            elif kind == "blockquote_open":
                self.quotes += 1
            elif kind == "blockquote_close":
                self.quotes -= 1
            elif kind == "table_open":
                self.rows = []
                pending = token
                table_where = self.where(token)
            elif kind == "thead_open":
                self.header = True
            elif kind == "thead_close":
                self.header = False
            elif kind == "tr_close":
                # a table's header row left blank is how Markdown writes a table without one
                if not (self.header and not any(c.paragraphs for c in self.cells)):
                    self.rows.append(Row(tuple(self.cells), header=self.header))
                self.cells = []
            elif kind == "table_close":
                self.blocks.append(Table(tuple(self.rows), table_where))
                self.rows = None
            elif kind in ("fence", "code_block"):
                self.paragraph(self.where(token), inline.code(token.content.rstrip("\n")), style="Code")
            elif kind == "html_block":
                self.skip(f"HTML ({inline.spaces(token.content)[:60]}): not read", self.where(token))

    def open_list(self, token: Token, contents: bool) -> None:
        ordered = token.type == "ordered_list_open"
        inherited = bool(self.lists) and self.lists[-1].contents
        start = list_start(token.attrGet("start")) if ordered else 1
        self.lists.append(_List("decimal" if ordered else "bullet", contents=inherited or contents, start=start))

    def inline(self, opener: Token | None, token: Token) -> None:
        where = self.where(opener) if opener is not None and opener.map else self.where(token)
        if opener is not None and opener.type == "heading_open":
            children = _without_heading_attrs(token.children or [])
            text = self.text(children, where).replace("\\\n", " ")  # a title is one line
            if text:
                level = int(opener.tag[1])
                # a "# Title" before any other heading is the document's title, as Markdown writes one
                self.blocks.append(Heading(level=level, text=text, where=where, title_style=level == 1 and not self.headings))
                self.headings += 1
            return
        text = self.text(token.children or [], where)
        if opener is not None and opener.type in ("th_open", "td_open"):
            self.cells.append(Cell(tuple([text] if text else [])))
        elif text:
            self.paragraph(where, text)

    def paragraph(self, where: Where, text: str, style: str | None = None) -> None:
        auto = None
        if self.item_open and self.item_open[-1]:
            self.item_open[-1] = False
            auto = auto_number(len(self.lists) - 1, self.lists[-1].counting, self.lists[-1].start)
        elif self.item_open:
            style = style or "List Continue"
        if self.lists and self.lists[-1].contents:
            style = CONTENTS
        elif self.quotes:
            style = "Quote"
        self.blocks.append(Paragraph(text=text, where=where, auto=auto, style=style))

    def skip(self, what: str, where: Where) -> None:
        self.blocks.append(Skipped(what, where))

    def text(self, children: list[Token], where: Where) -> str:
        """The inline Markdown of one paragraph, heading or cell, rebuilt from its pieces."""
        stack: list[list[str]] = [[]]
        openers: list[Token] = []
        for child in children:
            kind = child.type
            if kind == "text":
                stack[-1].append(inline.escape(child.content))
            elif kind == "softbreak":
                stack[-1].append(" ")
            elif kind == "hardbreak":
                stack[-1].append("\\\n")
            elif kind == "code_inline":
                stack[-1].append(inline.code(child.content))
            elif kind in ("em_open", "strong_open", "link_open"):
                openers.append(child)
                stack.append([])
            elif kind in ("em_close", "strong_close", "link_close"):
                opener, inner = openers.pop(), "".join(stack.pop())
                if kind == "link_close":
                    stack[-1].append(inline.link(inner, opener.attrGet("href")))
                else:
                    stack[-1].append(inline.wrap(opener.markup, inner))
            elif kind == "image":
                alt = inline.spaces(child.content)
                self.skip(f"picture{f' ({alt})' if alt else ''}: not imported, its file not read", where)
            elif kind == "html_inline":
                if _BREAK_TAG.match(child.content.strip()):
                    stack[-1].append("\\\n")
                else:
                    self.skip(f"HTML tag {child.content}: left out, its words kept", where)
        return "".join(stack[0]).strip().removesuffix("\\").strip()


def _is_contents(tokens: list[Token], start: int) -> bool:
    """The list opening at ``tokens[start]`` links every item to a place in the page
    (``[Scope](#scope)``): a contents list, as Quarto and GitHub tables of contents write one."""
    depth, items = 0, 0
    for index in range(start, len(tokens)):  # not a slice: that would copy the rest of the file per list
        token = tokens[index]
        depth += token.nesting
        if token.type == "inline" and token.level == tokens[start].level + 3:  # an item's own text
            items += 1
            if not _only_in_page_links(token.children or []):
                return False
        if depth == 0:
            break
    return items > 0


def _only_in_page_links(children: list[Token]) -> bool:
    inside, links = 0, 0
    for child in children:
        if child.type == "link_open":
            if not (child.attrGet("href") or "").startswith("#"):
                return False
            inside, links = inside + 1, links + 1
        elif child.type == "link_close":
            inside -= 1
        elif not inside and child.content.strip():
            return False
    return links > 0


def _without_heading_attrs(children: list[Token]) -> list[Token]:
    if children and children[-1].type == "text" and _HEADING_ATTRS.search(children[-1].content):
        last = children[-1].copy()
        last.content = _HEADING_ATTRS.sub("", last.content)
        return [*children[:-1], last]
    return children
