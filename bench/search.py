"""Search speed on a generated library: indexing from nothing, a no-op refresh, one edited policy, queries, the site.

Run from the project folder:
    python bench/search.py [--scale 200] [--repeat 5] [--site]
    python bench/search.py --scale 1000 --site      # the goal: under 50 ms a query at 1,000 policies

The library is bench/build.py's: copies of the shipped organisations under new
ids. Each step runs `policygen search` as a user would (a new process: start-up,
the index brought up to date, the query, the output), timed as wall time and as
CPU time (user + system of the process); the queries (count, then rank and mark the first 20, as the command does) are also timed inside one
process, on an index already up to date, which is what the search itself costs.
Queries include some whose words have related words (search/related.py), which
search for more words and rank by the words held as typed.
Figures are medians of --repeat runs, except indexing from nothing, run once.

--site also times the library site: `policygen build -f html` of the whole library
(a new process: every document, the comparisons, the site's pages and Pagefind's
index), then the site step alone, in process, on the built library: the library
loaded as the build's worker loads it (not timed), then ``site.site_files`` (the
organisation and policy pages and the Pagefind index over them and the documents),
with Pagefind's share timed apart (it runs as a process of its own: its CPU is
counted as the children's).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import Took, make_library, median, policygen  # noqa: E402  (bench/build.py, beside this file)

QUERIES = ["negative comments", '"personal account"', "organization", "safeguard*", "zebra",
           "photographs of patients", "abusive comments", "staff personal accounts", "leaking confidential information"]
GOAL_MS = 50


def shown(took: Took) -> str:
    return f"{took.wall:6.2f} s wall, {took.cpu:6.2f} s CPU"


def _cpu() -> float:
    """CPU time of this process and the processes it waited for (Pagefind)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def site_step(root: Path) -> tuple[Took, Took, int]:
    """The site step of a build of ``root`` (already built): all of it, and Pagefind's share; and how many pages."""
    import policygen.builder.search_index as pagefind
    from policygen.builder import site
    from policygen.builder.run import _library_pages
    from policygen.project import Project

    project = Project(root)
    targets = tuple(str(t) for t in project.targets())
    _, library = _library_pages(str(root), targets, ("html",))
    index, spent = pagefind.search_index, []

    def timed_index(pages):
        wall, cpu = time.perf_counter(), _cpu()
        try:
            return index(pages)
        finally:
            spent.append(Took(time.perf_counter() - wall, _cpu() - cpu))

    pagefind.search_index = timed_index
    try:
        wall, cpu = time.perf_counter(), _cpu()
        files = site.site_files(project, library, ("html",))
        whole = Took(time.perf_counter() - wall, _cpu() - cpu)
    finally:
        pagefind.search_index = index
    return whole, spent[0], sum(not rel.startswith(pagefind.SUBDIR + "/") for rel, _ in files)


def in_process(root: Path, repeat: int) -> list[tuple[str, float, float, int]]:
    from policygen.project import Project
    from policygen.search.query import parse
    from policygen.search.refresh import index_path
    from policygen.search.results import count, search
    from policygen.search.store import SearchIndex

    out = []
    with SearchIndex.open(index_path(Project(root))) as index:
        for text in QUERIES:
            walls, cpus = [], []
            for _ in range(repeat):
                wall, cpu = time.perf_counter(), time.process_time()
                query = parse(text)
                hits = count(index, query)
                search(index, query, limit=20)  # as the command: count them all, rank and mark the first 20
                walls.append(time.perf_counter() - wall)
                cpus.append(time.process_time() - cpu)
            out.append((text, statistics.median(walls), statistics.median(cpus), hits))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=200, help="policies in the generated library")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--site", action="store_true", help="also time the site: a build of the library, and its site step")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "library"
        n = make_library(root, args.scale)
        query = ("search", "negative", "comments", "--format", "json")
        first = policygen(root, *query)
        index = root / "build" / "search.sqlite"
        print(f"library of {n} policies; index {index.stat().st_size / 2**20:.1f} MiB")
        print(f"index from nothing, then query:  {shown(first)}")
        noop = median([policygen(root, *query) for _ in range(args.repeat)])
        print(f"no-op refresh, then query:       {shown(noop)}")
        edited = []
        policy = sorted((root / "organisations").glob("lchs-*/social-media.yaml"))[0]
        for i in range(args.repeat):
            policy.write_text(policy.read_text(encoding="utf-8") + f"# edit {i}\n", encoding="utf-8")
            edited.append(policygen(root, *query))
        print(f"one policy edited, then query:   {shown(median(edited))}")
        print(f"\nqueries inside one process, index up to date (median; goal: under {GOAL_MS} ms a query):")
        for text, wall, cpu, hits in in_process(root, args.repeat):
            over = "  OVER THE GOAL" if wall * 1000 > GOAL_MS else ""
            print(f"  {text!r:36} {wall * 1000:7.1f} ms wall, {cpu * 1000:7.1f} ms CPU, {hits:5} hits{over}")
        if args.site:
            print(f"\npolicygen build -f html, from nothing: {shown(policygen(root, 'build', '-f', 'html', '--quiet'))}")
            whole, pagefind, pages = site_step(root)
            print(f"  its site step alone ({pages} pages, then Pagefind): {shown(whole)}")
            print(f"  of which Pagefind's index:           {shown(pagefind)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
