"""List numbering for the DOCX: bulleted and ordered lists as Word numbering definitions.

Lists are real Word lists (not typed bullets), so an editor can add an item
and the numbering follows; the indents match the HTML's and PDF's lists.
"""

from __future__ import annotations

from docx.oxml.ns import qn

from policygen.model.organisation import NumberKind
from policygen.render.docx.styles import LIST_HANGING, LIST_STEP
from policygen.render.docx.xml import el

BULLETS = ("\u2022", "\u2013", "\u25aa")  # •, –, ▪
ORDERED = (("decimal", "%1."), ("lowerLetter", "%2)"), ("lowerRoman", "%3."))
LIST_LEVELS = 3
# Word's number format for each kind of list count the house style may give.
LIST_FORMATS = {
    NumberKind.arabic: "decimal", NumberKind.lower_alpha: "lowerLetter", NumberKind.upper_alpha: "upperLetter",
    NumberKind.lower_roman: "lowerRoman", NumberKind.upper_roman: "upperRoman",
}


def ordered_formats(kind_at) -> tuple[tuple[str, str], ...]:
    """Word's (format, text) for each level of a numbered list: the house style's kinds where it
    gives them (a. as the HTML and PDF print it), else ORDERED. ``kind_at`` is DocumentView.list_kind."""
    kinds = [kind_at(level) for level in range(LIST_LEVELS)]
    if kinds[0] is None:
        return ORDERED
    return tuple((LIST_FORMATS[kind], f"%{level + 1}.") for level, kind in enumerate(kinds))


class ListNumbering:
    """Two abstract lists (bullets, ordered) and one w:num per ordered list, so each restarts at its start."""

    def __init__(self, document, ordered: tuple[tuple[str, str], ...]) -> None:
        self.ordered_formats = ordered
        self.numbering = document.part.numbering_part.element
        existing = [int(a.get(qn("w:abstractNumId"))) for a in self.numbering.findall(qn("w:abstractNum"))]
        base = max(existing, default=-1) + 1
        self.bullet_abstract = self._abstract(base, ordered=False)
        self.ordered_abstract = self._abstract(base + 1, ordered=True)
        self.bullet_num = self._num(self.bullet_abstract)

    def ordered(self, start: int = 1) -> int:
        return self._num(self.ordered_abstract, start)

    def _num(self, abstract_id: int, start: int | None = None) -> int:
        num = self.numbering.add_num(abstract_id)
        if start is not None:
            for level in range(LIST_LEVELS):
                override = el("w:lvlOverride", ilvl=str(level))
                override.append(el("w:startOverride", val=str(start if level == 0 else 1)))
                num.append(override)
        return int(num.get(qn("w:numId")))

    def _abstract(self, abstract_id: int, ordered: bool) -> int:
        abstract = el("w:abstractNum", abstractNumId=str(abstract_id))
        abstract.append(el("w:multiLevelType", val="hybridMultilevel"))
        for level in range(LIST_LEVELS):
            lvl = el("w:lvl", ilvl=str(level))
            lvl.append(el("w:start", val="1"))
            if ordered:
                fmt, text = self.ordered_formats[level]
            else:
                fmt, text = "bullet", BULLETS[level]
            lvl.append(el("w:numFmt", val=fmt))
            lvl.append(el("w:lvlText", val=text))
            lvl.append(el("w:lvlJc", val="left"))
            pPr = el("w:pPr")
            pPr.append(el("w:ind", left=str(LIST_STEP * (level + 1)), hanging=str(LIST_HANGING)))
            lvl.append(pPr)
            abstract.append(lvl)
        first_num = self.numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self.numbering.append(abstract)
        return abstract_id
