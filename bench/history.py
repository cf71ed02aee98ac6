"""Time the timeline of a big library: CPU and wall for reading every version of every policy from git.

    python bench/history.py [POLICIES] [VERSIONS]      # default 300 policies, 10 versions each

Makes a scratch git repository (with git fast-import, so making it costs little) of POLICIES
policy files, copies of the shipped ones in 30 organisations, each recorded in VERSIONS
approved versions, three files to a commit, then times ``policygen.history.timelines`` over
all of them. CPU counts this process and the git processes it ran.
"""

from __future__ import annotations

import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_VERSION = re.compile(r'(?m)^  version: .*$')


def _stream(bases: list[str], policies: int, versions: int) -> bytes:
    """A fast-import stream: version v of every policy, three policies a commit, a day apart."""
    out: list[bytes] = []
    when = 1_600_000_000
    for v in range(1, versions + 1):
        for start in range(0, policies, 3):
            when += 86_400
            out.append(f"commit refs/heads/main\ncommitter Policy Office <po@example.org> {when} +0000\n"
                       f"data 9\nversion {v % 10}\n".encode())
            for i in range(start, min(start + 3, policies)):
                base = bases[i % len(bases)]
                line = f'  version: "{v}.0"'
                text = _VERSION.sub(line, base, count=1) if _VERSION.search(base) else base.replace("document_control:\n", f"document_control:\n{line}\n", 1)
                text = text.replace("\nid: ", f"\n# {v}\nid: ", 1)
                data = text.encode()
                out.append(f"M 100644 inline organisations/org{i // 10:02d}/policy-{i:03d}.yaml\ndata {len(data)}\n".encode() + data + b"\n")
    return b"".join(out)


def main() -> int:
    from policygen.history import timelines
    from policygen.project import Project

    policies = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    versions = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    bases = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "organisations").glob("*/*.yaml")) if p.name != "organisation.yaml"]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
        subprocess.run(["git", "-C", str(root), "fast-import", "--quiet"], input=_stream(bases, policies, versions), check=True)
        subprocess.run(["git", "-C", str(root), "checkout", "-q", "-f", "main"], check=True)
        project = Project(root)
        targets = project.targets(None)
        commits = subprocess.run(["git", "-C", str(root), "rev-list", "--count", "HEAD"], capture_output=True, text=True).stdout.strip()
        before = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        wall = time.perf_counter()
        spans = timelines(project, targets)
        wall = time.perf_counter() - wall
        after = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = sum(a.ru_utime + a.ru_stime - b.ru_utime - b.ru_stime for a, b in zip(after, before))
    found = sum(len(s) for s in spans.values())
    print(f"{len(targets)} policies, {commits} commits, {found} versions: wall {wall:.2f} s, CPU {cpu:.2f} s (with git)")
    return 0 if found == len(targets) * versions else 1


if __name__ == "__main__":
    sys.exit(main())
