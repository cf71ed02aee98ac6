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
both alike; the figures are medians. Each figure is given as wall time and as CPU time
(user + system of every process the step started, workers included), since on a shared
machine the wall time moves with other load and the CPU time much less.
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
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Took:
    wall: float
    cpu: float  # user + system seconds of the processes the step started, on all cores


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # every finished descendant, workers too
    return usage.ru_utime + usage.ru_stime


def timed(commands: list[list[str]]) -> Took:
    cpu, start = _children_cpu(), time.perf_counter()
    for cmd in commands:
        subprocess.run(cmd, check=True, capture_output=True, env=ENV)
    return Took(time.perf_counter() - start, _children_cpu() - cpu)


def policygen(root: Path, *args: str) -> Took:
    return timed([[sys.executable, "-m", "policygen", "--root", str(root), *args]])


def pandoc(sources: list[Path], out: Path, fmt: str) -> Took:
    commands = []
    for src in sources:
        cmd = ["pandoc", str(src), "-s", "--metadata", f"title={src.stem}", "-o", str(out / f"{src.parent.name}.{fmt}")]
        if fmt == "pdf":
            cmd += ["--pdf-engine=weasyprint"]
        commands.append(cmd)
    return timed(commands)


def median(took: list[Took]) -> Took:
    return Took(statistics.median(t.wall for t in took), statistics.median(t.cpu for t in took))


def shown(t: Took) -> str:
    return f"{t.wall:.2f} s wall, {t.cpu:.2f} s CPU"


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
        times: dict[str, list[Took]] = {f"{tool}:{fmt}": [] for tool in ("policygen", "pandoc") for fmt in (*FORMATS, "all")}
        for _ in range(args.repeat):
            for fmt in FORMATS:
                times[f"policygen:{fmt}"].append(policygen(project, "build", *names, "--force", "-q", "-f", fmt))
                out = tmp / f"pandoc-{fmt}"
                out.mkdir(exist_ok=True)
                times[f"pandoc:{fmt}"].append(pandoc(sources, out, fmt))
            times["policygen:all"].append(policygen(project, "build", *names, "--force", "-q", *(a for f in FORMATS for a in ("-f", f))))
            last = [times[f"pandoc:{f}"][-1] for f in FORMATS]
            times["pandoc:all"].append(Took(sum(t.wall for t in last), sum(t.cpu for t in last)))

        print(f"{len(sources)} policies × {len(FORMATS)} formats, median of {args.repeat} alternating runs\n")
        print(f"{'format':8} {'policygen wall':>15} {'pandoc wall':>12} {'ratio':>6} {'policygen CPU':>14} {'pandoc CPU':>11} {'ratio':>6}")
        for fmt in (*FORMATS, "all"):
            a, b = median(times[f"policygen:{fmt}"]), median(times[f"pandoc:{fmt}"])
            print(f"{fmt:8} {a.wall:13.2f} s {b.wall:10.2f} s {a.wall / b.wall:6.2f} {a.cpu:12.2f} s {b.cpu:9.2f} s {a.cpu / b.cpu:6.2f}")

        full = median([policygen(project, "build", "--force", "-q") for _ in range(args.repeat)])
        noop = median([policygen(project, "build", "-q") for _ in range(args.repeat * 2)])
        policy = project / "organisations" / "lchs" / "social-media.yaml"
        edits = []
        for i in range(args.repeat):
            policy.write_text(policy.read_text() + f"# edit {i}\n")  # a changed file: its outputs rebuild
            edits.append(policygen(project, "build", "-q"))
        helps = median([policygen(project, "--help") for _ in range(5)])
        print(f"\nfull build (html, pdf, docx, md, site, search indexes): {shown(full)}")
        print(f"no-op rebuild:                                          {shown(noop)} ({noop.wall / full.wall:.1%} of a full build)")
        print(f"rebuild after one policy edit:                          {shown(median(edits))}")
        print(f"policygen --help:                                       {shown(helps)}")

        if args.scale:
            library = tmp / "library"
            n = make_library(library, args.scale)
            took = policygen(library, "build", "-q")
            again = policygen(library, "build", "-q")
            print(f"\nlibrary of {n} policies, all formats: {shown(took)} ({took.wall / n:.2f} s wall, "
                  f"{took.cpu / n:.2f} s CPU per policy); no-op rebuild {shown(again)}")
        print(f"peak memory of any process: {peak_mib():.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
