"""Clause Markdown as plain text, with references resolved the way every format shows them.

Used for the terminal, CSV and Markdown outputs and as the input of the
similarity scores. It reads the same parse the HTML renderer does
(``policygen.resolve.text.parse``), so "{ref:scope}" reads "2 Scope" here too.
"""

from __future__ import annotations

from policygen.resolve.text import RefContext, parse


def plain_text(source: str, refs: RefContext) -> str:
    """Paragraphs on their own lines; list items as "- item" or "1. item", indented when nested."""
    lines: list[str] = []
    lists: list[list] = []  # [ordered, next number]
    prefix = ""
    for token in parse(source, refs):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            start = int(token.attrGet("start") or 1)
            lists.append([token.type == "ordered_list_open", start])
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "list_item_open":
            ordered, number = lists[-1]
            prefix = "  " * (len(lists) - 1) + (f"{number}. " if ordered else "- ")
            lists[-1][1] = number + 1
        elif token.type == "inline":
            words = _inline(token.children or [])
            indent = "  " * len(lists)
            if prefix:
                lines.append(prefix + words)
                prefix = ""
            else:
                lines.append((indent if lists else "") + words)
    return "\n".join(line.rstrip() for line in lines if line.strip())


def _inline(children) -> str:
    out: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type == "xref":
            out.append(child.meta["text"])
        elif child.type == "softbreak":
            out.append(" ")
        elif child.type == "hardbreak":
            out.append("\n")
    return "".join(out)
