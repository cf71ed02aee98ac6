"""The commit HEAD names, read from the files under .git without running git (nor importing the history).

A no-op build must stay cheap, and the timelines on the site's pages change only when HEAD
does: so the build keys them by the commit HEAD names, read here as git itself stores it
(``.git`` a folder, or a file naming the folder of a worktree; a branch's ref loose or in
``packed-refs``). None when the project is not in a repository, the branch has no commit
yet, or the refs are kept some other way (reftable): the site then shows no timeline.
"""

from __future__ import annotations

from pathlib import Path


def _git_dir(root: Path) -> Path | None:
    for folder in (root, *root.parents):
        dot = folder / ".git"
        if dot.is_dir():
            return dot
        if dot.is_file():
            text = dot.read_text(encoding="utf-8", errors="replace").strip()
            return (folder / text.removeprefix("gitdir:").strip()).resolve() if text.startswith("gitdir:") else None
    return None


def _ref(git_dir: Path, common: Path, ref: str) -> str | None:
    for base in (git_dir, common):
        loose = base / ref
        if loose.is_file():
            return loose.read_text(encoding="utf-8", errors="replace").strip() or None
    packed = common / "packed-refs"
    if packed.is_file():
        for line in packed.read_text(encoding="utf-8", errors="replace").splitlines():
            commit, _, name = line.partition(" ")
            if name == ref:
                return commit
    return None


def head_commit(root: Path) -> str | None:
    """The full id of the commit HEAD names for the repository holding ``root``; None as above."""
    try:
        git_dir = _git_dir(root.resolve())
        if git_dir is None:
            return None
        common_file = git_dir / "commondir"  # a worktree's refs other than HEAD live in the main repository
        common = (git_dir / common_file.read_text(encoding="utf-8").strip()).resolve() if common_file.is_file() else git_dir
        head = (git_dir / "HEAD").read_text(encoding="utf-8", errors="replace").strip()
        return _ref(git_dir, common, head[5:]) if head.startswith("ref: ") else head or None
    except OSError:
        return None
