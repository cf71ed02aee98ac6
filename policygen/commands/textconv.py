"""policygen textconv FILE: the text of a built PDF, DOCX or HTML file, for `git diff`.

Set up once per clone (see the README):
    git config diff.policygen.textconv "policygen textconv"
with `*.pdf diff=policygen` and `*.docx diff=policygen` in .gitattributes.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from policygen.commands import EXIT_OK, EXIT_PROBLEMS


def add_parser(sub) -> None:
    p = sub.add_parser("textconv", help="print the text of a PDF, DOCX or HTML file (a git textconv driver)")
    p.add_argument("file", type=Path)


def _docx_text(path: Path) -> str:
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = Document(str(path))
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                lines.append(" | ".join(cell.text.replace("\n", " ") for cell in row.cells))
    return "\n".join(lines) + "\n"


def _html_text(path: Path) -> str:
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.out: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag, attrs):
            self.skip += tag in ("style", "script")
            if tag in ("p", "li", "tr", "h1", "h2", "h3", "h4", "h5", "div", "br"):
                self.out.append("\n")

        def handle_endtag(self, tag):
            self.skip -= tag in ("style", "script")

        def handle_data(self, data):
            if not self.skip:
                self.out.append(data)

    parser = Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return "\n".join(line.strip() for line in "".join(parser.out).splitlines() if line.strip()) + "\n"


def run(args, project) -> int:
    from policygen.problems import suggest
    from policygen.project import UnknownName

    path: Path = args.file
    if not path.is_file():
        near = [p.name for p in path.parent.iterdir()] if path.parent.is_dir() else []
        raise UnknownName([f"no file '{path}'{suggest(path.name, near)}"])
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        if shutil.which("pdftotext") is None:
            print("textconv: pdftotext (poppler-utils) is needed for PDF files", file=sys.stderr)
            return EXIT_PROBLEMS
        text = subprocess.run(["pdftotext", "-layout", "-nopgbrk", str(path), "-"], capture_output=True, text=True, check=True).stdout
    elif suffix == ".docx":
        text = _docx_text(path)
    elif suffix in (".html", ".htm"):
        text = _html_text(path)
    else:
        text = path.read_text(encoding="utf-8", errors="replace")
    sys.stdout.write(text)
    return EXIT_OK
