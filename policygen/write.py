"""Write: put finished bytes in place atomically, and only when they changed.

A reader never sees a half-written file (write to a temporary file in the
same folder, then rename), and an unchanged output keeps its timestamp, so
tools that watch build/ see only real changes.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class UnsafePath(ValueError):
    pass


def output_path(build_dir: Path, *parts: str) -> Path:
    """A path under build_dir; refuse anything that would land outside it."""
    base = build_dir.resolve()
    path = base.joinpath(*parts).resolve()
    if not path.is_relative_to(base) or path == base:
        raise UnsafePath(f"{'/'.join(parts)} is outside {build_dir}")
    return path


def write_if_changed(path: Path, data: bytes) -> bool:
    """Atomically write ``data``; return False (and touch nothing) if it is already there."""
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def create_new(path: Path, data: bytes) -> bool:
    """Atomically create ``path`` with ``data``; return False (and touch nothing) if it already exists.

    The finished temporary file is hard-linked into place, which fails rather than replace a
    file that appeared meanwhile: a command that creates a file never overwrites one.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.link(tmp, path)
    except FileExistsError:
        return False
    finally:
        Path(tmp).unlink(missing_ok=True)
    return True
