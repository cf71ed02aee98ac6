"""The checks every text format's reader makes before parsing: size, what the bytes really
are, and which encoding they are in.

A governance team's files come from anywhere (saved from a browser, exported from an intranet,
renamed by hand), so a ``.html`` may be a PDF and a page may be Windows-1252. Each problem
becomes one ``Unreadable`` line naming the file; an encoding other than UTF-8 is read and
said in a ``Notice`` so the user can check the odd character.
"""

from __future__ import annotations

import codecs
import re

from policygen.importer.blocks import Notice, Unreadable, Where

MAX_BYTES = 50 * 1024 * 1024
MAX_LABEL = "50 MB"

# What a file really is, by its first bytes, when it is not text at all.
_SIGNATURES = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP file (a Word .docx is one)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old-style Office file (.doc, .xls)"),
    (b"{\\rtf", "an RTF file"),
    (b"\x89PNG", "a PNG picture"),
    (b"\xff\xd8\xff", "a JPEG picture"),
    (b"GIF8", "a GIF picture"),
)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode(name: str, data: bytes, kind: str, declared: str | None = None) -> tuple[str, tuple[Notice, ...]]:
    """The file's text, after refusing what is too big, binary or empty.

    UTF-8 first (a byte-order mark is honoured), then the encoding the file declares, then
    Windows-1252, the encoding of most old Word "Save as web page" files; a Notice says which.
    """
    if len(data) > MAX_BYTES:
        raise Unreadable(Where(name), f"is {len(data) / 1024 / 1024:.0f} MB; policygen imports files of at most {MAX_LABEL}")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _nonempty(name, data.decode(codec, errors="replace")), ()
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise Unreadable(Where(name), f"this is {what}, not {kind}")
    if b"\x00" in data:
        raise Unreadable(Where(name), f"this is binary data, not {kind}")
    try:
        return _nonempty(name, data.decode("utf-8")), ()
    except UnicodeDecodeError as exc:
        bad = exc.start
    line = data.count(b"\n", 0, bad) + 1
    declared = _known(declared)
    for codec, said in ((declared, f"its declared {declared}"), ("cp1252", "Windows-1252 (cp1252)")):
        try:
            text = data.decode(codec) if codec else None
        except UnicodeDecodeError:
            continue
        if text is not None:
            return _nonempty(name, text), (
                Notice(f"not UTF-8 (first at this line); read as {said}: check accented letters and symbols", Where(name, line=line)),
            )
    return _nonempty(name, data.decode("cp1252", errors="replace")), (
        Notice("not UTF-8 or Windows-1252; unreadable characters are shown as \ufffd", Where(name, line=line)),
    )


def _known(codec: str | None) -> str | None:
    if not codec:
        return None
    try:
        return codecs.lookup(codec).name
    except LookupError:
        return None


def _nonempty(name: str, text: str) -> str:
    if not text.strip():
        raise Unreadable(Where(name), "has no text")
    return text


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML file names in its first 2 KB (``<meta charset>`` or http-equiv)."""
    m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", data[:2048], re.IGNORECASE)
    return m[1].decode("ascii") if m else None
