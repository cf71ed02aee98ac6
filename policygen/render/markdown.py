"""Plain text (Markdown) for reviewing changes: numbered like the documents, one clause per paragraph.

Made for `git diff` and code review rather than for reading: no contents,
no styling, each clause on its own lines so a changed word shows as a
changed line. References are resolved to the words the documents show.
"""

from __future__ import annotations

import re
import string
from urllib.parse import quote

from markdown_it.common.utils import unescapeAll

from policygen.render import RenderContext
from policygen.resolve import DocumentView
from policygen.resolve.numbering import counter
from policygen.resolve.text import PARSER, Target, resolve_plain
from policygen.resolve.view import Node, PictureView



_MARKER_RE = re.compile(r"^(\s*)\d+[.)]")


def _list_markers(source: str, doc: DocumentView) -> str:
    """Numbered list items marked as the documents count them ("a.", "iv.") where the house style
    letters its lists. Markdown has no lettered lists, so these read as lines starting with the letter."""
    if not doc.style.lists:
        return source
    lines = source.split("\n")
    depth, counts = 0, []
    for tok in PARSER.parse(source):
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            counts.append(int(tok.attrs.get("start", 1) or 1) if tok.type == "ordered_list_open" else None)
            depth += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            counts.pop()
            depth -= 1
        elif tok.type == "list_item_open" and counts[-1] is not None and tok.map:
            own = counter(doc.list_kind(depth - 1), counts[-1])
            lines[tok.map[0]] = _MARKER_RE.sub(lambda m: f"{m[1]}{own}.", lines[tok.map[0]], count=1)
            counts[-1] += 1
    return "\n".join(lines)


def _cell(text: str | None) -> str:
    return " ".join((text or "").split()).replace("|", "\\|")


def _escape(text: str) -> str:
    """Plain words (an identifier) as Markdown that shows them as they are: no emphasis, code or link."""
    return re.sub(r"([\\`*_\[\]])", r"\\\1", text)


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    width = max([len(header), *(len(r) for r in rows)]) if (header or rows) else 0
    header = header or [""] * width
    out = ["| " + " | ".join(_cell(h) for h in header) + " |", "|" + "---|" * width]
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return out + [""]


def _citation(target: Target, words: str) -> str:
    """A citation links to the reference's web address: this format has no anchors for the
    references table's rows (its raw HTML is escaped), and the address is what a reader follows."""
    return f"[{_escape(words)}](<{target.url}>)" if target.url else words


class _PictureLine(str):
    """A picture's own Markdown image, made by us with its alt text escaped: kept, not made inert."""


_ESCAPED = str.maketrans({c: "\\" + c for c in string.punctuation})


def _picture(picture: PictureView, org_id: str) -> list[str]:
    """``![alt](path)`` with the path from build/<org>/ to the file in organisations/<org>/,
    then the caption as plain text (made inert with the rest)."""
    alt = " ".join(picture.alt.split()).translate(_ESCAPED)
    line = _PictureLine(f"![{alt}](../../organisations/{quote(org_id)}/{quote(picture.file.src)})")
    return [line, ""] + ([picture.caption, ""] if picture.caption else [])


class _Writer:
    def __init__(self, doc: DocumentView) -> None:
        self.doc = doc
        self.lines: list[str] = []

    def text(self, source: str) -> str:
        return _list_markers(resolve_plain(source, self.doc.refs, _citation), self.doc).strip()

    def para(self, text: str, label: str | None = None, identifier: str | None = None) -> None:
        """One paragraph per clause, so a diff shows a changed word: its number, its identifier
        in bold, its text."""
        lead = [w for w in (label, identifier and f"**{_escape(identifier)}**") if w]
        self.lines += [" ".join([*lead, self.text(text)]), ""]

    def heading(self, level: int, label: str | None, title: str) -> None:
        self.lines += [f"{'#' * level} {label + ' ' if label else ''}{title}", ""]

    def node(self, n: Node, level: int) -> None:
        b = n.block
        if n.kind in ("section", "appendix"):
            if n.title:
                self.heading(n.heading_level or level, n.label, n.title)
            if getattr(b, "text", None):
                self.para(b.text, None if n.title else n.label)
            elif getattr(b, "missing", None) and not n.children:
                self.para(b.missing)
            for c in n.children:
                self.node(c, (n.heading_level or level) + 1)
        elif n.kind == "clause":
            self.para(b.text, n.label, n.identifier)
        elif n.kind == "table":
            if b.caption:
                self.lines += [b.caption, ""]
            t = n.table
            heads = t.header_rows or [[]]
            rows = [[f"**{h}**" if h else "" for h in head] for head in heads[1:]]  # GFM has one header row
            for g in t.groups:
                rows += [[f"**{g.heading}**"]] if g.heading else []
                rows += [[self.text(c.marked_text) for c in row] for row in g.rows]  # a cell is one line in GFM
            self.lines += _table(heads[0], rows)
        elif n.kind == "definitions":
            for d in b.terms:
                self.lines += [f"**{d.term}** {self.text(d.definition)}", ""]
        elif n.kind == "figure":
            self.lines += _picture(n.picture, self.doc.org.id)
        elif n.kind == "include":
            getattr(self, "include_" + b.include)(level)

    def include_version_history(self, _level: int) -> None:
        doc = self.doc
        self.lines += _table(doc.version_columns, doc.version_rows) if doc.version_rows else ["No earlier versions are recorded.", ""]

    def include_associated_documents(self, _level: int) -> None:
        for d in self.doc.policy.associated_documents:
            self.lines.append(f"- {d.reference + ' ' if d.reference else ''}{d.title}")
        self.lines.append("")

    def include_references(self, _level: int) -> None:
        refs = self.doc.references
        self.lines += _table(refs.header, [[f"<{url}>" if url else text for text, url in refs.cells(r)] for r in refs.rows])
        if self.doc.mapping_follows_references:
            self.include_standards_mapping(_level)

    def include_standards_mapping(self, _level: int) -> None:
        rows = [[r.standard, r.clause, r.number, r.heading] for r in self.doc.standards_mapping]
        self.lines += ["Standards mapping", "", *_table(self.doc.mapping_header, rows)] if rows else [self.doc.no_mapping, ""]

    def include_eia(self, level: int) -> None:
        eia = self.doc.eia
        if eia.title:
            self.heading(level, None, eia.title)
        if eia.subtitle:
            self.lines += [eia.subtitle, ""]
        for part in eia.parts:
            form = part.form
            if part.kind == "fields":
                self.lines += _table(["", ""], [[self.text(f.label), self.text(f.value or "")] for f in form.fields])
            elif part.kind == "assessors":
                self.lines += [form.title or "Assessment carried out by", ""]
                self.lines += _table(["Name(s)", "Job role", "Department"], [[a.name, a.job_role or "", a.department or ""] for a in form.assessors])
            elif part.kind == "grid":
                g = form.grid
                if g.title:
                    self.lines += [g.title, ""]
                tick = lambda r, i: "✓" if r.impact == i else ""  # noqa: E731
                self.lines += _table(
                    [g.group_label, g.positive_label, g.neutral_label, g.negative_label, g.evidence_label],
                    [[self.text(r.label), tick(r, "positive"), tick(r, "neutral"), tick(r, "negative"), self.text(r.evidence or "")] for r in g.rows],
                )
            elif part.kind == "questions":
                qs = form.questions
                rows = [[r.number, self.text(r.question), r.answer, self.text(r.comment)] for r in part.rows]
                self.lines += _table(["No.", qs.question_label, qs.answer_label, qs.comment_label], rows)
            elif part.kind == "choice":
                ch = form.choice
                self.lines += _table(["", *ch.options], [[self.text(ch.question), *("✓" if ch.chosen == o else "" for o in ch.options)]])
            elif part.kind == "heading":
                self.heading(level + eia.heading_step, None, form.heading)
            else:
                self.para(form.text)

    def contents(self, entries, depth: int) -> None:
        for e in entries:
            self.lines.append(f"{'  ' * depth}- {e.label + ' ' if e.label else ''}{e.title}")
            self.contents(e.children, depth + 1)

    def document(self) -> str:
        doc = self.doc
        blocks = doc.blocks
        if doc.logo:
            self.lines += _picture(doc.logo, doc.org.id)
        if doc.style.heading_prefix:
            self.lines += [doc.style.heading_prefix, ""]
        self.heading(1, None, doc.title)
        if doc.org.on_behalf_of:
            self.lines += [f"On behalf of {doc.org.on_behalf_of}", ""]
        if doc.adopts:
            self.lines += [f"> {_escape(doc.adopts)}", ""]
        if doc.standing:
            self.lines += [f"> {_escape(doc.standing)}", ""]
        for block in blocks:
            if block == "front_sheet" and doc.front_sheet:
                self.lines += _table(["", ""], [[r.label, r.value] for r in doc.front_sheet])
            elif block == "signatories" and doc.signatories:
                self.lines += _table(["", "Name", "Role and Organisation", "Date"], doc.signatories)
            elif block == "controlled_document" and doc.style.controlled_document:
                if doc.style.controlled_document_title:
                    self.heading(2, None, doc.style.controlled_document_title)
                self.lines += [doc.style.controlled_document, ""]
            elif block == "summary" and doc.policy.summary:
                if doc.policy.summary.title:
                    self.heading(2, None, doc.policy.summary.title)
                self.lines += _table(["", ""], [[r.label, self.text(r.text)] for r in doc.policy.summary.rows])
            elif block == "version_history":
                self.heading(2, None, doc.style.version_history_title)
                self.include_version_history(3)
            elif block == "contents":
                self.heading(2, None, doc.style.contents_title)
                if doc.style.contents_note:
                    self.lines += [doc.style.contents_note, ""]
                self.contents(doc.contents, 0)
                self.lines.append("")
            elif block in ("preamble", "sections", "appendices", "closing"):
                for n in getattr(doc, block):
                    self.node(n, 2)
            elif block == "end_marker" and doc.style.end_marker:
                self.lines += [doc.style.end_marker, ""]
        if doc.style.footer:
            self.lines += ["---", "", doc.style.footer, ""]
        return _made_inert(self.lines).rstrip() + "\n"


def render_markdown(doc: DocumentView, ctx: RenderContext) -> bytes:
    return _Writer(doc).document().encode("utf-8")


def _made_inert(lines: list[str]) -> str:
    """The lines joined, policy text made inert; our own picture lines kept working. Each is a
    paragraph of its own, so no code span or link runs across the joins."""
    out, chunk = [], []
    for line in lines:
        if isinstance(line, _PictureLine):
            out += [_inert("\n".join(chunk))] if chunk else []
            out.append(line)
            chunk = []
        else:
            chunk.append(line)
    return "\n".join(out + ([_inert("\n".join(chunk))] if chunk else []))


# Policy text is data in this format too. A Markdown viewer would obey raw HTML, images and
# links the other formats refuse (they parse with HTML and images off, and markdown-it refuses
# javascript:, vbscript:, file: and data: links), so those are backslash-escaped: they read
# as the same characters the other formats show, and do nothing.
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(?:(?!\n\n).)+?(?<!`)\1(?!`)", re.S)
_ANGLE = re.compile(r"(?<!\\)<(?:([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>|(?=[A-Za-z/!?]))")  # autolink, or HTML
_IMAGE = re.compile(r"(?<!\\)!(?=\[)")
_LINK = re.compile(r"(?<!\\)\]\(\s*(<[^>\n]*>|[^\s)]*)")
_DEFINITION = re.compile(r"^( {0,3})(\[[^\]\n]+\]:\s*(<[^>\n]*>|\S+))", re.M)


def _refused(destination: str) -> bool:
    """Whether markdown-it (so every other format) would refuse this link destination."""
    url = unescapeAll(destination.strip().removeprefix("<").removesuffix(">"))
    return not PARSER.validateLink(PARSER.normalizeLink(url))


def _inert(text: str) -> str:
    out, start = [], 0
    for code in _CODE_SPAN.finditer(text):  # a code span shows its text as it is: already inert
        out += [_inert_prose(text[start:code.start()]), code[0]]
        start = code.end()
    return "".join([*out, _inert_prose(text[start:])])


def _inert_prose(text: str) -> str:
    # Links first, while their destinations are as written; then every "<" that opens HTML.
    text = _LINK.sub(lambda m: "\\" + m[0] if _refused(m[1]) else m[0], text)
    text = _DEFINITION.sub(lambda m: m[1] + ("\\" if _refused(m[3]) else "") + m[2], text)
    text = _IMAGE.sub(r"\\!", text)
    # A working autolink stays one.
    return _ANGLE.sub(lambda m: "\\" + m[0] if m[1] is None or _refused(m[1]) else m[0], text)
