"""The recognised policy as YAML text, in the shipped files' layout, with a ``# import: check``
comment on each block the recogniser was unsure of.

Written with ruamel.yaml's round-trip emitter (the settings ``load/edit.py`` uses), so the file
looks like one an author wrote and later round-trip edits (``policygen review``) keep it.
Source text is data: a Markdown character or a brace that would read as a reference is escaped
(``markdown_text.py``) so it prints as typed.
"""

from __future__ import annotations

import datetime as dt
import re

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from policygen.importer.control import cell_markdown
from policygen.importer import crossrefs, roles
from policygen.importer.ids import assign_ids
from policygen.importer.markdown_text import escape_line_start, literal_references
from policygen.importer.outline import Check, Node
from policygen.importer.recognise import Recognised
from policygen.load.edit import dump

CHECK = "import: check — "


def policy_yaml(found: Recognised, policy_id: str, kind: str | None, source_name: str,
                register: dict[str, list[str]] | None = None) -> str:
    """``register``: the organisation's roles (key → title and aliases), linked where the text names them."""
    nodes = [*found.preamble, *found.sections, *(node for _, node in found.appendices)]
    assign_ids(nodes)
    crossrefs.link(nodes)
    roles.link(nodes, register or {})
    tree = CommentedMap()
    tree["id"] = policy_id
    if kind:
        tree["kind"] = kind
    tree["document_control"] = _dates(found.document_control)
    if found.review:
        tree["review"] = _dates(found.review)
    if found.version_history:
        tree["version_history"] = _block_seq([_dates(row) for row in found.version_history])
    if found.summary:
        tree["summary"] = CommentedMap({k: v for k, v in found.summary.items() if k != "rows"})
        tree["summary"]["rows"] = _block_seq([CommentedMap(label=r["label"], text=_text(r["text"])) for r in found.summary["rows"]])
    tree["levels"] = _block_seq([_level(s) for s in found.levels] or [_level(None)])
    if found.preamble:
        tree["preamble"] = _blocks(found.preamble, None, found, 0)
    tree["sections"] = _blocks(found.sections, found.levels, found, 0)
    if found.eia:
        tree["eia"] = _eia(found.eia)
    if found.appendices:
        tree["appendices"] = _block_seq([_appendix(label, node, found) for label, node in found.appendices])
    header = (f"yaml-language-server: $schema=../../schema/policy.schema.json\n"
              f"Imported from {source_name} by `policygen import`. Read each `# {CHECK.strip()}` comment,\n"
              f"then run `policygen validate`; docs/authoring.md describes every key.")
    for check in found.checks:
        header += f"\n{CHECK}{check}"
    tree.yaml_set_start_comment(header)
    return dump(tree)


def _blocks(nodes: list[Node], levels: list[dict] | None, found: Recognised, depth: int) -> CommentedSeq:
    """A list of blocks, each block's doubts as comments above its ``- id:`` line."""
    seq = _block_seq([])
    for i, node in enumerate(nodes):
        block, checks = _block(node, levels, found, depth)
        seq.append(block)
        if checks:
            seq.yaml_set_comment_before_after_key(i, before="\n".join(f"{CHECK}{c}" for c in checks), indent=2 + 4 * depth)
    return seq


def _block(node: Node, levels: list[dict] | None, found: Recognised, depth: int) -> tuple[CommentedMap, list[Check]]:
    """A section, clause or table and its doubts; ``levels`` the styles in force from this depth down (None: the preamble)."""
    own = (levels or [None])[0]
    numbered_here = own is not None and own.get("kind") != "none"
    out = CommentedMap()
    checks = list(node.checks)
    if node.kind == "include":
        out["id"] = node.id
        out["include"] = node.include
    elif node.kind == "definitions":
        out["id"] = node.id
        out["terms"] = _block_seq([CommentedMap(term=term, definition=_text(definition, linked=True)) for term, definition in node.terms])
    elif node.kind == "table":
        out["id"] = node.id
        out.update(_table(node))
    elif node.kind == "section":
        out["id"] = node.id
        if node.title:
            out["title"] = node.title
        if levels is not None and node.mark is None and numbered_here:
            out["numbered"] = False
        inner = found.section_levels.get(id(node), (levels or [])[1:])
        if id(node) in found.section_levels:
            out["levels"] = _block_seq([_level(s) for s in inner])
        if node.text:
            out["text"] = _text(node.text, linked=True)
        if node.children:
            out["blocks"] = _blocks(node.children, levels=inner if levels is not None else None, found=found, depth=depth + 1)
    else:
        out["id"] = node.id
        out["text"] = _text(node.text, linked=True)
        if levels is not None and node.mark is None and numbered_here:
            out["numbered"] = False
    if node.mark is not None and levels is not None and not numbered_here:
        checks.append(Check(node.where, f"its number {node.mark.typed!r} is not in this level's numbering: printed without one"))
    return out, checks


def _appendix(label: str, node: Node, found: Recognised) -> CommentedMap:
    """An appendix: its label as the source gave it, its title, its blocks (never numbered)."""
    out = CommentedMap(id=node.id, label=label)
    out["title"] = node.title or label
    if node.text:
        out["blocks"] = _block_seq([CommentedMap(id=f"{node.id}-text", text=_text(node.text, linked=True))])
    if node.children:
        out.setdefault("blocks", _block_seq([])).extend(_blocks(node.children, None, found, 1))
    return out


def _eia(eia: dict) -> CommentedMap:
    out = CommentedMap()
    parts = _block_seq([])
    for part in eia["parts"]:
        if "grid" in part:
            grid = CommentedMap({k: v for k, v in part["grid"].items() if k != "rows"})
            grid["rows"] = _block_seq([CommentedMap({k: _text(v) if k == "evidence" else v for k, v in row.items()})
                                       for row in part["grid"]["rows"]])
            parts.append(CommentedMap(grid=grid))
        elif "questions" in part:
            qs = CommentedMap({k: v for k, v in part["questions"].items() if k != "questions"})
            qs["questions"] = _questions(part["questions"]["questions"])
            parts.append(CommentedMap(questions=qs))
        elif "fields" in part:
            parts.append(CommentedMap(fields=_block_seq([CommentedMap({k: _text(v) for k, v in f.items()}) for f in part["fields"]])))
        else:
            parts.append(CommentedMap(text=_text(part["text"])))
    out["parts"] = parts
    return out


def _questions(questions: list[dict]) -> CommentedSeq:
    """Questions and their sub-questions; an answer quoted, as ``no`` unquoted reads as false."""
    out = []
    for q in questions:
        item = CommentedMap(question=_text(q["question"]))
        if "characteristic" in q:
            item["characteristic"] = q["characteristic"]
        if "answer" in q:
            item["answer"] = DoubleQuotedScalarString(q["answer"])
        if "comment" in q:
            item["comment"] = _text(q["comment"])
        if q["questions"]:
            item["questions"] = _questions(q["questions"])
        out.append(item)
    return _block_seq(out)


def _table(node: Node) -> dict:
    rows = [([cell_markdown(c.paragraphs) for c in row.cells for _ in range(c.colspan)], row.header) for row in node.table.rows]
    width = max(len(cells) for cells, _ in rows)
    rows = [(cells + [""] * (width - len(cells)), header) for cells, header in rows]
    n_header = 0
    while n_header < len(rows) and rows[n_header][1]:
        n_header += 1
    if n_header == len(rows):
        n_header = 0  # a table of header rows only: keep them as its rows
    out: dict = {"caption": node.table.caption} if node.table.caption else {}
    header = [_plain_cell(c) for c in rows[0][0]] if n_header == 1 else [[_plain_cell(c) for c in r] for r, _ in rows[:n_header]]
    if n_header:
        out["header"] = _flow_seq(header) if n_header == 1 else _block_seq([_flow_seq(h) for h in header])
    out["rows"] = _block_seq([_flow_seq([_text(c) for c in cells]) for cells, _ in rows[n_header:]])
    return out


def _plain_cell(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", re.sub(r"(\*\*|\*)(.+?)\1", r"\2", text)).replace("\n\n", " ")


def _text(text: str, linked: bool = False):
    """Markdown text, several paragraphs as a literal block. Source words that would read as a
    reference are escaped, here or (``linked``: a block's text) by ``crossrefs.link`` before it
    adds references of its own."""
    text = escape_line_start(text.strip()) if linked else literal_references(escape_line_start(text.strip()))
    return LiteralScalarString(text + "\n") if "\n" in text else text


def _level(style: dict | None) -> CommentedMap:
    style = dict({"kind": "none"} if style is None else style)
    return _flow_map({"kind": style.pop("kind", "arabic"), **style})


def _dates(mapping: dict) -> CommentedMap:
    """ISO full dates as YAML dates (written unquoted, as the shipped files have them)."""
    out = CommentedMap()
    for key, value in mapping.items():
        if isinstance(value, dict):
            value = _dates(value)
        elif isinstance(value, list):
            value = _block_seq([_flow_map(v) if isinstance(v, dict) else v for v in value])
        elif isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            value = dt.date.fromisoformat(value)
        out[key] = value
    return out


def _flow_map(mapping: dict) -> CommentedMap:
    out = CommentedMap(mapping)
    out.fa.set_flow_style()
    return out


def _flow_seq(items: list) -> CommentedSeq:
    out = CommentedSeq(items)
    out.fa.set_flow_style()
    return out


def _block_seq(items: list) -> CommentedSeq:
    out = CommentedSeq(items)
    out.fa.set_block_style()
    return out
