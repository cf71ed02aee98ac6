"""The organisation's own Word template (``style.word_template``), from its folder and nowhere else.

The DOCX is built on it, so it is vetted here, at validation, rather than
failing with a traceback in the middle of a build: the path obeys the same
rules as a picture's (inside the organisation's folder, never a URL), the
file must be a Word document or template (.docx, .dotx) that opens as one,
and anything carrying macros (.docm, .dotm, or a vbaProject part in a file
named otherwise) is refused, since policygen's output must never carry code.
Read with zipfile and ElementTree only, so ``policygen validate`` still
imports no python-docx.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from policygen.load.images import check_relative, resolve_inside

SUFFIXES = (".docx", ".dotx")
MACRO_SUFFIXES = (".docm", ".dotm")
DOCUMENT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
TEMPLATE_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
MAX_UNPACKED = 64 * 1024 * 1024  # a house template is kilobytes; more than this unpacked is not one
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


class BadWordTemplate(ValueError):
    """Why the Word template cannot be used; the message completes 'word_template: …'."""


@dataclass(frozen=True)
class WordTemplateFile:
    """A vetted Word template: its name as written, its bytes and where its main part is."""

    src: str
    data: bytes
    main_part: str  # e.g. "word/document.xml"


def open_word_template(folder: Path, src: str) -> WordTemplateFile:
    """The template ``src`` names inside ``folder``; BadWordTemplate if it is not one we may use."""
    check_relative(src, "templates", BadWordTemplate)
    suffix = PurePosixPath(src).suffix.lower()
    if suffix in MACRO_SUFFIXES:
        raise BadWordTemplate(
            f"'{src}' is a macro-enabled Word file; policygen never carries macros: save the template as .dotx or .docx")
    if suffix not in SUFFIXES:
        raise BadWordTemplate(f"'{src}' is not a Word template or document (.dotx, .docx)")
    data = resolve_inside(folder, src, "templates", BadWordTemplate).read_bytes()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return WordTemplateFile(src, data, _main_part(package, src))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, UnicodeDecodeError, EOFError) as exc:
        raise BadWordTemplate(f"'{src}' is not a Word file that opens ({type(exc).__name__}), whatever its name says") from None


def _main_part(package: zipfile.ZipFile, src: str) -> str:
    """The document part's name, once the package is known to hold no macros and to be a Word file."""
    infos = package.infolist()
    if sum(i.file_size for i in infos) > MAX_UNPACKED:
        raise BadWordTemplate(f"'{src}' unpacks to more than {MAX_UNPACKED // 2**20} MB: not a Word template")
    for info in infos:  # OOXML forbids DTDs; one could only be there to pull in another file (XXE)
        if info.filename.endswith((".xml", ".rels")) and b"<!DOCTYPE" in package.read(info).upper():
            raise BadWordTemplate(f"'{src}' declares a DTD in {info.filename}, which no Word file does: not a Word template")
    types = ElementTree.fromstring(package.read("[Content_Types].xml"))
    declared = [e.get("ContentType", "") for e in types.iter() if e.tag in (_CT + "Default", _CT + "Override")]
    if any("vbaproject" in i.filename.lower() for i in infos) or any("macroEnabled" in t or "vbaProject" in t for t in declared):
        raise BadWordTemplate(f"'{src}' contains macros (a vbaProject); policygen never carries macros: save it without them as .dotx")
    rels = ElementTree.fromstring(package.read("_rels/.rels"))
    main = next((r.get("Target", "") for r in rels.iter(_REL + "Relationship") if r.get("Type") == OFFICE_DOCUMENT), None)
    if main is None:
        raise BadWordTemplate(f"'{src}' has no main document part: not a Word file")
    main = main.lstrip("/")
    overrides = {e.get("PartName", "").lstrip("/"): e.get("ContentType") for e in types.iter(_CT + "Override")}
    if overrides.get(main) not in (DOCUMENT_MAIN, TEMPLATE_MAIN):
        raise BadWordTemplate(f"'{src}' is not a Word document or template (its main part is {overrides.get(main)})")
    ElementTree.fromstring(package.read(main))  # opens as XML; a truncated or garbled part does not
    return main
