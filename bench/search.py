"""Search speed on a 200-policy library: indexing from nothing, a no-op refresh, one edited policy, queries.

Run from the project folder:
    python bench/search.py [--scale 200] [--repeat 5]

The library is bench/build.py's: copies of the shipped organisations under new
ids. Each step runs `policygen search` as a user would (a new process: start-up,
the index brought up to date, the query, the output), timed as wall time and as
CPU time (user + system of the process); the queries (count, then rank and mark the first 20, as the command does) are also timed inside one
process, on an index already up to date, which is what the search itself costs.
Figures are medians of --repeat runs, except indexing from nothing, run once.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import Took, make_library, median, policygen  # noqa: E402  (bench/build.py, beside this file)

QUERIES = ["negative comments", '"personal account"', "organization", "safeguard*", "zebra"]


def shown(took: Took) -> str:
    return f"{took.wall:6.2f} s wall, {took.cpu:6.2f} s CPU"


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
        print("\nqueries inside one process, index up to date (median):")
        for text, wall, cpu, hits in in_process(root, args.repeat):
            print(f"  {text!r:24} {wall * 1000:7.1f} ms wall, {cpu * 1000:7.1f} ms CPU, {hits} hits")
    return 0


if __name__ == "__main__":
    sys.exit(main())
