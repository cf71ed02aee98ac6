"""Reading built PDFs back the way a reader's tools do (poppler's pdftotext)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")


def pdf_pages(path: Path) -> list[str]:
    """The text of each page, in reading order."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return out


def pdf_reading_text(path: Path, running: list[str]) -> str:
    """The text in content order with the running header and footer taken out of each page.

    A sentence that crosses a page break is then whole again, as a reader reads it.
    The last page keeps its header and footer, so their words are still checked once.
    Poppler puts the page's margin boxes after its body, so each phrase is taken out where it
    last occurs: a body sentence that contains the title ("This is the security notice ...")
    keeps its words.
    Poppler's reading order (``-raw``), not pypdf's: pypdf runs a clause's label onto the end of
    the line before it when that line has no closing full stop ("not to" + "c." → "not toc.").
    """
    from fidelity import words

    out_text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = out_text.split("\f")[:-1] if out_text.endswith("\f") else out_text.split("\f")
    out: list[str] = []
    for n, page in enumerate(pages, start=1):
        page_words = words(page)
        for phrase in [*running, "Page of"] if n < len(pages) else []:
            target = words(phrase)
            for i in reversed(range(len(page_words) - len(target) + 1)):
                if target and page_words[i:i + len(target)] == target:
                    del page_words[i:i + len(target)]
                    break
        out.extend(page_words)
    return " ".join(out)
