"""Build speed: policygen against pandoc, no-op and one-edit rebuilds, start-up, and a 200-policy library.

Run from the project folder (pandoc and the `weasyprint` command must be installed):
    python bench/build.py [--repeat 3] [--scale 200]

Both tools convert the same content (the Markdown policygen writes for each
policy) to HTML, DOCX and PDF (pandoc through --pdf-engine=weasyprint), one
pandoc process per file as a user would script it; policygen builds the same
fifteen documents by naming the five policies (a build of named policies
skips the register and comparison pages, which pandoc does not make). The
full build, with the plain text, register and comparison pages too, is timed
on its own. Runs alternate between the two tools so background load affects
both alike; the figures are medians.
Peak memory is the largest resident set of any process the run started.
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
FORMATS = ("html", "docx", "pdf")
# As on a user's machine: Python may cache compiled modules (some sandboxes turn this off,
# which makes every Python start-up, ours and WeasyPrint's under pandoc alike, recompile).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def copy_project(dest: Path) -> Path:
    for name in ("organisations", "templates", "vocabulary", "schema"):
        shutil.copytree(ROOT / name, dest / name)
    return dest


def policygen(root: Path, *args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "policygen", "--root", str(root), *args], check=True, capture_output=True, env=ENV)
    return time.perf_counter() - start


def pandoc(sources: list[Path], out: Path, fmt: str) -> float:
    start = time.perf_counter()
    for src in sources:
        cmd = ["pandoc", str(src), "-s", "--metadata", f"title={src.stem}", "-o", str(out / f"{src.parent.name}.{fmt}")]
        if fmt == "pdf":
            cmd += ["--pdf-engine=weasyprint"]
        subprocess.run(cmd, check=True, capture_output=True, env=ENV)
    return time.perf_counter() - start


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def make_library(root: Path, size: int) -> int:
    """Copies of the shipped organisations under new ids until there are ``size`` policies."""
    shipped = sorted(p for p in (ROOT / "organisations").iterdir() if (p / "organisation.yaml").is_file())
    (root / "organisations").mkdir(parents=True)
    for name in ("templates", "vocabulary"):
        shutil.copytree(ROOT / name, root / name)
    for i in range(size):
        org = shipped[i % len(shipped)]
        new_id = f"{org.name}-{i:04d}"
        dest = root / "organisations" / new_id
        shutil.copytree(org, dest)
        text = (dest / "organisation.yaml").read_text().replace(f"id: {org.name}\n", f"id: {new_id}\n", 1)
        (dest / "organisation.yaml").write_text(text)
    return size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scale", type=int, default=200, help="policies in the generated library (0 to skip)")
    args = parser.parse_args()
    if not shutil.which("pandoc") or not shutil.which("weasyprint"):
        print("needs pandoc and the weasyprint command (apt-get install pandoc; pip install weasyprint)", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        project = copy_project(tmp / "project")
        policygen(project, "build", "-f", "md")
        sources = sorted((project / "build").glob("*/*.md"))
        names = [f"{src.parent.name}/{src.stem}" for src in sources]
        # Warm-up: both tools' Python modules compiled once, as after any first run.
        policygen(project, "build", "--force", "-q")
        pandoc(sources[:1], tmp, "pdf")
        times: dict[str, list[float]] = {f"{tool}:{fmt}": [] for tool in ("policygen", "pandoc") for fmt in (*FORMATS, "all")}
        for _ in range(args.repeat):
            for fmt in FORMATS:
                times[f"policygen:{fmt}"].append(policygen(project, "build", *names, "--force", "-q", "-f", fmt))
                out = tmp / f"pandoc-{fmt}"
                out.mkdir(exist_ok=True)
                times[f"pandoc:{fmt}"].append(pandoc(sources, out, fmt))
            times["policygen:all"].append(policygen(project, "build", *names, "--force", "-q", *(a for f in FORMATS for a in ("-f", f))))
            times["pandoc:all"].append(sum(times[f"pandoc:{f}"][-1] for f in FORMATS))

        print(f"{len(sources)} policies × {len(FORMATS)} formats, median of {args.repeat} alternating runs\n")
        print(f"{'format':8} {'policygen s':>12} {'pandoc s':>10} {'ratio':>7}")
        for fmt in (*FORMATS, "all"):
            a, b = statistics.median(times[f"policygen:{fmt}"]), statistics.median(times[f"pandoc:{fmt}"])
            print(f"{fmt:8} {a:12.2f} {b:10.2f} {a / b:7.2f}")

        full = [policygen(project, "build", "--force", "-q") for _ in range(args.repeat)]
        noop = [policygen(project, "build", "-q") for _ in range(args.repeat * 2)]
        policy = project / "organisations" / "lchs" / "social-media.yaml"
        edits = []
        for i in range(args.repeat):
            policy.write_text(policy.read_text() + f"# edit {i}\n")  # a changed file: its outputs rebuild
            edits.append(policygen(project, "build", "-q"))
        helps = [policygen(project, "--help") for _ in range(5)]
        full_s, noop_s = statistics.median(full), statistics.median(noop)
        print(f"\nfull build (html, pdf, docx, md, register, comparison): {full_s:.2f} s")
        print(f"no-op rebuild:                                          {noop_s:.3f} s ({noop_s / full_s:.1%} of a full build)")
        print(f"rebuild after one policy edit:                          {statistics.median(edits):.2f} s")
        print(f"policygen --help:                                       {statistics.median(helps):.3f} s")

        if args.scale:
            library = tmp / "library"
            n = make_library(library, args.scale)
            start = time.perf_counter()
            policygen(library, "build", "-q")
            took = time.perf_counter() - start
            start = time.perf_counter()
            policygen(library, "build", "-q")
            again = time.perf_counter() - start
            print(f"\nlibrary of {n} policies, all formats: {took:.1f} s ({took / n:.2f} s per policy); no-op rebuild {again:.2f} s")
        print(f"peak memory of any process: {peak_mib():.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
