"""Reading a built DOCX back: its XML parts and their visible text, for the DOCX and review-date tests."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W, "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}


def _part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def _parts(path: Path, prefix: str) -> list[etree._Element]:
    with zipfile.ZipFile(path) as z:
        return [etree.fromstring(z.read(n)) for n in sorted(z.namelist()) if re.fullmatch(prefix + r"\d*\.xml", n)]


def xml_text(root: etree._Element) -> str:
    """Visible text in document order: runs' text, tabs and breaks, a line per paragraph.

    Field instructions (w:instrText) are not text; field results (the filled-in
    contents, the page numbers) are, as a reader sees them.
    """
    out: list[str] = []
    for el in root.iter(f"{{{W}}}t", f"{{{W}}}tab", f"{{{W}}}br", f"{{{W}}}p"):
        tag = etree.QName(el).localname
        if tag == "t":
            out.append(el.text or "")
        elif tag == "tab":
            out.append("\t")
        elif tag == "br":
            out.append("\n")
        else:
            out.append("\n")
    return "".join(out)
