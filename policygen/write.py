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


class CannotWrite(Exception):
    """An output could not be put in place (build/ is a file, a folder stands where a file goes,
    the disk is full…). Whatever was there before is still there; the command says so in one line."""

    def __init__(self, path: Path, error: OSError) -> None:
        self.path, self.reason = path, _REASONS.get(type(error)) or error.strerror or str(error)
        super().__init__(f"cannot write {path}: {self.reason}")


# The system's words for these ("File exists") do not say what to do about them.
_REASONS = {
    IsADirectoryError: "a folder of that name is in the way",
    FileExistsError: "a file stands where a folder is needed",
    NotADirectoryError: "a file stands where a folder is needed",
}


def ensure_dir(path: Path) -> None:
    """Make the folder outputs go into, before any work is spent on them."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CannotWrite(path, exc) from None


def output_path(build_dir: Path, *parts: str) -> Path:
    """A path under build_dir; refuse anything that would land outside it."""
    base = build_dir.resolve()
    path = base.joinpath(*parts).resolve()
    if not path.is_relative_to(base) or path == base:
        raise UnsafePath(f"{'/'.join(parts)} is outside {build_dir}")
    return path


def write_if_changed(path: Path, data: bytes) -> bool:
    """Atomically write ``data``; return False (and touch nothing) if it is already there.

    Raises CannotWrite, leaving ``path`` as it was, if the file cannot be put in place.
    """
    if path.is_file() and path.read_bytes() == data:
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise CannotWrite(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise CannotWrite(path, exc) from None
        raise
    return True


def create_new(path: Path, data: bytes) -> bool:
    """Atomically create ``path`` with ``data``; return False (and touch nothing) if it already exists.

    The finished temporary file is hard-linked into place, which fails rather than replace a
    file that appeared meanwhile: a command that creates a file never overwrites one. Raises
    CannotWrite, as write_if_changed does, when it cannot be put in place for another reason.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise CannotWrite(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.link(tmp, path)
    except FileExistsError:
        return False
    except OSError as exc:
        raise CannotWrite(path, exc) from None
    finally:
        Path(tmp).unlink(missing_ok=True)
    return True
