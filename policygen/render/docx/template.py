"""The organisation's own Word template as the base of the DOCX (``style.word_template``).

The organisation's look lives in its template: styles, fonts, theme, list
definitions, page size and margins, header and footer. The DOCX keeps all of
that and nothing else of the file: its body (sample text) and whatever only
the body used (pictures, comments, footnotes, building blocks) are left out;
every external relationship but a hyperlink (an attached template on a server,
a linked picture, a mail-merge source) is cut, so opening the DOCX fetches
nothing; its own document properties are replaced by the policy's. A .dotx
differs from a .docx only in its main part's content type, which python-docx
refuses, so it is rewritten in memory (python-docx issue #363).

Then every style policygen writes with is the template's where the template
has one of that name (or built-in id), and policygen's own, in the house
style, only where it has none: the template wins. Its headings lose any
automatic numbering, since policygen's numbers are in the text.
"""

from __future__ import annotations

import copy
import io
import zipfile

from docx import Document
from docx.oxml.ns import qn
from docx.styles import BabelFish
from lxml import etree

from policygen.load.word_template import DOCUMENT_MAIN, TEMPLATE_MAIN, WordTemplateFile
from policygen.render.docx.styles import HEADING_SIZES, USED_STYLES

_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HYPERLINK = f"{_R}/hyperlink"
CUSTOM_PROPERTIES = f"{_R}/custom-properties"
# What the document part needs without its XML naming it: everything else it relates to that
# the emptied body no longer names (pictures, comments, glossary) is dropped.
IMPLICIT = {f"{_R}/{t}" for t in ("styles", "numbering", "settings", "theme", "fontTable", "webSettings",
                                  "footnotes", "endnotes", "customXml")}
# Settings that tie the file to another: its template, a mail-merge source, styles updated from them.
UNTIED_SETTINGS = ("w:attachedTemplate", "w:linkStyles", "w:mailMerge")
# As python-docx's own parser: no entities resolved, nothing fetched (validation refuses DTDs anyway).
PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def open_template(template: WordTemplateFile):
    """A python-docx Document on the template, its body empty."""
    return Document(io.BytesIO(_clean_package(template)))


def adopt_house_styles(document, house) -> None:
    """``house``'s style (policygen's, laid out for the template's text width) for each style the
    template lacks; the template's headings without automatic numbers."""
    _adopt_styles(document, house)
    _unnumber_headings(document)


def _clean_package(template: WordTemplateFile) -> bytes:
    """The template's package with its body, its external links and its properties left out."""
    with zipfile.ZipFile(io.BytesIO(template.data)) as src:
        entries = {i.filename: src.read(i) for i in src.infolist() if not i.is_dir()}
    entries["[Content_Types].xml"] = entries["[Content_Types].xml"].replace(TEMPLATE_MAIN.encode(), DOCUMENT_MAIN.encode())
    for name in [n for n in entries if n.endswith(".rels")]:
        _cut_external(entries, name)
    main = template.main_part
    entries[main] = _empty_body(entries[main])
    _drop_unused(entries, _rels_name(main), etree.fromstring(entries[main], PARSER))
    for notes in ("word/footnotes.xml", "word/endnotes.xml"):
        if notes in entries:  # keep the separators, which have a type; the sample text's notes go
            entries[notes] = _filter(entries[notes], lambda e: e.tag in (qn("w:footnote"), qn("w:endnote")) and e.get(qn("w:type")) is None)
    if "word/settings.xml" in entries:
        entries["word/settings.xml"] = _filter(entries["word/settings.xml"], lambda e: e.tag in {qn(t) for t in UNTIED_SETTINGS})
    if "docProps/core.xml" in entries:  # the template's author, dates and revision: set_properties fills in the policy's
        entries["docProps/core.xml"] = _filter(entries["docProps/core.xml"], lambda e: True)
    entries["_rels/.rels"] = _filter(entries["_rels/.rels"], lambda e: e.get("Type") == CUSTOM_PROPERTIES)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name, data in entries.items():
            dst.writestr(name, data)
    return out.getvalue()


def _rels_name(part: str) -> str:
    folder, _, name = part.rpartition("/")
    return f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"


def _part_name(rels: str) -> str:
    folder, _, name = rels.rpartition("/")
    folder = folder.removesuffix("_rels").rstrip("/")
    return f"{folder}/{name.removesuffix('.rels')}" if folder else name.removesuffix(".rels")


def _filter(xml: bytes, drop) -> bytes:
    """``xml`` without the top-level children ``drop`` picks."""
    root = etree.fromstring(xml, PARSER)
    for child in [c for c in root if drop(c)]:
        root.remove(child)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _cut_external(entries: dict[str, bytes], rels_name: str) -> None:
    """Drop the relationships to anything outside the file but hyperlinks (which nothing
    follows until a reader clicks), and what in the part refers to them."""
    rels = etree.fromstring(entries[rels_name], PARSER)
    cut = {r.get("Id") for r in rels.iter(_RELS) if r.get("TargetMode") == "External" and r.get("Type") != HYPERLINK}
    if not cut:
        return
    for r in [r for r in rels.iter(_RELS) if r.get("Id") in cut]:
        rels.remove(r)
    entries[rels_name] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True)
    part = _part_name(rels_name)
    if part in entries:
        entries[part] = _without_refs(entries[part], cut)


def _without_refs(xml: bytes, ids: set[str]) -> bytes:
    """A linked picture keeps its embedded copy (if any) and loses the link; anything else naming a
    cut relationship (an attached template, a linked object) goes."""
    root = etree.fromstring(xml, PARSER)
    for element in list(root.iter()):
        named = [a for a, v in element.attrib.items() if a.startswith(f"{{{_R}}}") and v in ids]
        if not named:
            continue
        if all(a == f"{{{_R}}}link" for a in named) and f"{{{_R}}}embed" in element.attrib:
            del element.attrib[f"{{{_R}}}link"]
        elif element.getparent() is not None:
            element.getparent().remove(element)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _empty_body(xml: bytes) -> bytes:
    """The document with no body content: only the last section's properties (page size,
    margins, header and footer) are kept; empty ones if the template has none."""
    root = etree.fromstring(xml, PARSER)
    body = root.find(qn("w:body"))
    for child in [c for c in body if c.tag != qn("w:sectPr")]:
        body.remove(child)
    if body.find(qn("w:sectPr")) is None:
        etree.SubElement(body, qn("w:sectPr"))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _drop_unused(entries: dict[str, bytes], rels_name: str, part) -> None:
    """The document part's relationships its XML no longer names, bar those it needs implicitly."""
    if rels_name not in entries:
        return
    named = {v for e in part.iter() for a, v in e.attrib.items() if a.startswith(f"{{{_R}}}")}
    entries[rels_name] = _filter(entries[rels_name], lambda r: r.get("Type") not in IMPLICIT and r.get("Id") not in named)


def _find(styles, name: str):
    """The template's style called ``name``, by name or, failing that, by its built-in id
    (renamed to the name, so lookups by name find it)."""
    if name in styles:
        return styles[name]
    style_id = name.replace(" ", "").lower()
    for s in styles:
        if (s.style_id or "").lower() == style_id:
            s.element.name_val = BabelFish.ui2internal(name)
            return s
    return None


def _adopt_styles(document, house) -> None:
    """Copy into the template each style policygen uses that it does not define, with the
    styles it is based on, links to and is followed by, when those are missing too."""
    styles_el = document.styles.element
    have = {s.get(qn("w:styleId")) for s in styles_el.findall(qn("w:style"))}
    by_id = {s.get(qn("w:styleId")): s for s in house.styles.element.findall(qn("w:style"))}

    def adopt(style_id: str) -> None:
        if style_id in have or style_id not in by_id:
            return
        have.add(style_id)
        element = copy.deepcopy(by_id[style_id])
        styles_el.append(element)
        for tag in ("w:basedOn", "w:link", "w:next"):
            ref = element.find(qn(tag))
            if ref is not None:
                adopt(ref.get(qn("w:val")))

    for name in USED_STYLES:
        if _find(document.styles, name) is None:
            adopt(house.styles[name].style_id)


def _unnumber_headings(document) -> None:
    """The template's headings without automatic numbers (policygen writes the numbers), in the
    styles and in list definitions that name them."""
    headings = {document.styles[f"Heading {level}"].style_id for level in HEADING_SIZES}
    for style_id in headings:
        pPr = document.styles.element.get_by_id(style_id).find(qn("w:pPr"))
        num = pPr.find(qn("w:numPr")) if pPr is not None else None
        if num is not None:
            pPr.remove(num)
    numbering = document.part.numbering_part.element
    for pstyle in numbering.iter(qn("w:pStyle")):
        if pstyle.get(qn("w:val")) in headings:
            pstyle.getparent().remove(pstyle)
