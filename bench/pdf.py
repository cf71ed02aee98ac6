"""Time per PDF and peak memory for the shipped organisations.

Run from the project folder:  python bench/pdf.py [--repeat N]
Each policy is loaded and resolved once, then laid out and written N times
in this process; the figure is the median. Peak memory is the process's
maximum resident set size after all runs (what a CI runner must have).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from policygen.validate.checked import load_and_check
    from policygen.project import Project
    from policygen.render import RenderContext

    t0 = time.perf_counter()
    import weasyprint  # noqa: F401  (paid once per process, only by commands that render PDF)

    import_s = time.perf_counter() - t0
    from policygen.render.pdf import render_pdf
    from policygen.resolve import build_view

    project = Project(ROOT)
    checked = load_and_check(project, None)
    print(f"WeasyPrint import: {import_s:.2f} s")
    print(f"{'policy':24} {'pages':>5} {'wall s':>7} {'CPU s':>6} {'KiB':>7}")
    total = total_cpu = 0.0
    for doc in checked.documents:
        view = build_view(doc.org.model, doc.model)
        times, cpu_times, data = [], [], b""
        for _ in range(args.repeat):
            ctx = RenderContext(project.template_dirs(doc.target.org_id))
            start, cpu = time.perf_counter(), time.process_time()
            data = render_pdf(view, ctx)
            times.append(time.perf_counter() - start)
            cpu_times.append(time.process_time() - cpu)
        pages = len(ctx.cache["pdf-layout"].pages)
        median, median_cpu = statistics.median(times), statistics.median(cpu_times)
        total += median
        total_cpu += median_cpu
        print(f"{str(doc.target):24} {pages:>5} {median:>7.2f} {median_cpu:>6.2f} {len(data) // 1024:>7}")
    n = len(checked.documents)
    print(f"mean per PDF: {total / n:.2f} s wall, {total_cpu / n:.2f} s CPU")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
