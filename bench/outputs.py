"""Fingerprint every file policygen writes for the shipped project, to show a refactor changes no output.

Run from the project folder:
    python bench/outputs.py > before.txt      # on the old code
    python bench/outputs.py > after.txt       # on the new code
    diff before.txt after.txt                  # no lines: every output is byte-identical

In a scratch copy of the project kept in git (fixed authors and dates, so commit ids repeat),
it runs `policygen build --force` (every format, the register and the comparison pages), then
rewords one clause in every policy, commits, and runs `policygen diff ORG/POLICY HEAD~1 HEAD`
for the redlines. It prints one `sha256  path` line per file under build/, then a digest of
those lines. The build cache is left out: it embeds a digest of the code itself.
Each run builds twice from scratch and fails if the two differ, so a difference between
runs is the code's, not the build's.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = Path("build/.policygen-cache.json")
GIT_ENV = {"GIT_AUTHOR_NAME": "Policy Office", "GIT_AUTHOR_EMAIL": "po@example.org",
           "GIT_COMMITTER_NAME": "Policy Office", "GIT_COMMITTER_EMAIL": "po@example.org"}


def _run(root: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, **GIT_ENV}
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    subprocess.run(args, cwd=root, env=env, check=True, capture_output=True)


def _outputs(root: Path) -> dict[str, str]:
    for name in ("organisations", "templates", "vocabulary", "schema"):
        shutil.copytree(ROOT / name, root / name)
    _run(root, "git", "init", "-q")
    # Only the data is committed: commit ids name the redlines, and must not change with the templates.
    _run(root, "git", "add", "organisations", "vocabulary")
    _run(root, "git", "commit", "-qm", "shipped", date="2026-01-05T09:00:00+00:00")
    _run(root, sys.executable, "-m", "policygen", "build", "--force", "--quiet")
    policies = sorted((root / "organisations").glob("*/social-media.yaml"))
    for path in policies:
        path.write_text(path.read_text().replace("must", "shall", 1))
    _run(root, "git", "commit", "-qam", "reworded", date="2026-02-10T09:00:00+00:00")
    for path in policies:
        _run(root, sys.executable, "-m", "policygen", "diff", f"{path.parent.name}/social-media", "HEAD~1", "HEAD")
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((root / "build").rglob("*")) if p.is_file() and p.relative_to(root) != CACHE}


def main() -> int:
    runs = []
    for _ in range(2):
        with tempfile.TemporaryDirectory() as tmp:
            runs.append(_outputs(Path(tmp)))
    if runs[0] != runs[1]:
        changed = sorted(k for k in runs[0].keys() | runs[1].keys() if runs[0].get(k) != runs[1].get(k))
        print("not deterministic:", *changed, sep="\n  ", file=sys.stderr)
        return 1
    lines = [f"{digest}  {path}" for path, digest in runs[0].items()]
    print(*lines, sep="\n")
    print(f"{len(lines)} files, all: {hashlib.sha256(chr(10).join(lines).encode()).hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
