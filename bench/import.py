"""Import speed: seconds per page for `policygen import`, over Word policies policygen did not write
and the documents policygen builds for the shipped policies.

Run from the project folder (LibreOffice is used, if present, only to count the corpus's pages):
    python bench/import.py [--repeat 3]

Each document is imported as a user would, one `policygen import FILE --org ORG --dry-run`
process (start-up included), timed as wall time and CPU time (user + system, as
bench/build.py does); figures are medians of --repeat runs. The reader alone (the file to
blocks, in this process) is timed too, since it is the part that grows with a document's size
while the start-up does not. A page is a page of the document as printed: the PDF policygen
builds beside each of its outputs, and for the corpus the PDF LibreOffice makes of the .docx
(without LibreOffice, 500 words a page, marked ~).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import ROOT, Took, copy_project, median, policygen, timed  # noqa: E402  (one way of timing for every bench)

CORPUS = ROOT / "tests" / "importer" / "corpus"
WORDS_PER_PAGE = 500


def corpus_pages(docx: Path, tmp: Path) -> tuple[float, bool]:
    """The page count LibreOffice lays the document out on, or an estimate (True) without it."""
    if shutil.which("soffice"):
        subprocess.run(
            ["soffice", f"-env:UserInstallation={(tmp / 'lo').as_uri()}", "--headless", "--convert-to", "pdf",
             "--outdir", str(tmp), str(docx)],
            check=True, capture_output=True,
        )
        return len(PdfReader(tmp / f"{docx.stem}.pdf").pages), False
    import docx as python_docx

    words = sum(len(p.text.split()) for p in python_docx.Document(docx).paragraphs)
    return max(words / WORDS_PER_PAGE, 1), True


def reader_time(path: Path, repeat: int) -> Took:
    from policygen.importer.readers import reader_for

    read, data, took = reader_for(path), path.read_bytes(), []
    for _ in range(repeat):
        cpu, start = time.process_time(), time.perf_counter()
        read(path, data)
        took.append(Took(time.perf_counter() - start, time.process_time() - cpu))
    return median(took)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        project = copy_project(tmp / "project")
        policygen(project, "build", "-f", "docx", "-f", "pdf", "-f", "html", "-f", "md", "-q")
        documents: list[tuple[Path, float, bool]] = [(d, *corpus_pages(d, tmp)) for d in sorted(CORPUS.glob("*.docx"))]
        for pdf in sorted((project / "build").glob("*/*.pdf")):
            pages = len(PdfReader(pdf).pages)
            documents += [(pdf.with_suffix(f".{ext}"), pages, False) for ext in ("docx", "html", "md")]
        command = lambda doc: [sys.executable, "-m", "policygen", "--root", str(project), "import", str(doc), "--org", "bench", "--dry-run"]  # noqa: E731
        timed([command(documents[0][0])])  # warm-up: modules compiled once, as after any first run

        print(f"`policygen import --dry-run` per document, median of {args.repeat} runs; a page is a printed page\n")
        print(f"{'document':38} {'pages':>5} {'wall':>7} {'CPU':>7} {'wall/page':>10} {'CPU/page':>9} {'reader/page':>12}")
        per_page: dict[str, list[float]] = {}
        for doc, pages, estimated in documents:
            took = median([timed([command(doc)]) for _ in range(args.repeat)])
            reader = reader_time(doc, args.repeat)
            name = f"{doc.parent.name}/{doc.name}" if doc.parent != CORPUS else f"corpus/{doc.name}"
            shown_pages = f"~{pages:.0f}" if estimated else f"{pages:.0f}"
            print(f"{name:38} {shown_pages:>5} {took.wall:6.2f}s {took.cpu:6.2f}s {took.wall / pages:9.3f}s "
                  f"{took.cpu / pages:8.3f}s {1000 * reader.wall / pages:9.1f} ms")
            per_page.setdefault(doc.suffix, []).append(took.wall / pages)
        print()
        for suffix, values in per_page.items():
            print(f"{suffix}: median {statistics.median(values):.3f} s wall per page over {len(values)} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
