"""Import speed: seconds per page for `policygen import` of Word files, read, recognised and validated.

Run from the project folder:
    python bench/import_speed.py [--repeat 3]

In a scratch copy of the project it builds every shipped policy as DOCX and PDF (the PDF
only to count pages: the DOCX is laid out from it, so the two have the same pages), then
imports each DOCX into a new organisation with `--dry-run` (read, recognise, emit, validate;
nothing written) in a fresh process, as a user runs it. Figures are medians of the repeats:
wall time per file and per page, and the CPU time (user + system) of the importing process,
which moves less with other load on a shared machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(pdf)).pages)


def _timed(argv: list[str], cwd: Path) -> tuple[float, float]:
    """(wall, cpu) seconds of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name in ("organisations", "templates", "vocabulary", "schema"):
            shutil.copytree(ROOT / name, root / name)
        subprocess.run([sys.executable, "-m", "policygen", "build", "-f", "pdf", "-f", "docx", "--quiet"],
                       cwd=root, check=True, capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        rows = []
        for docx in sorted((root / "build").glob("*/*.docx")):
            pages = _pages(docx.with_suffix(".pdf"))
            runs = [_timed([sys.executable, "-m", "policygen", "import", str(docx), "--org", "bench", "--dry-run"], root)
                    for _ in range(args.repeat)]
            wall = statistics.median(w for w, _ in runs)
            cpu = statistics.median(c for _, c in runs)
            rows.append((f"{docx.parent.name}/{docx.stem}", pages, wall, cpu))
    print(f"{'policy':32} {'pages':>5} {'wall s':>7} {'s/page':>7} {'cpu s':>7}")
    for name, pages, wall, cpu in rows:
        print(f"{name:32} {pages:5d} {wall:7.2f} {wall / pages:7.3f} {cpu:7.2f}")
    pages = sum(r[1] for r in rows)
    wall = sum(r[2] for r in rows)
    print(f"{'all':32} {pages:5d} {wall:7.2f} {wall / pages:7.3f} {sum(r[3] for r in rows):7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
