"""The build cache: which inputs each output was made from, so unchanged outputs are skipped.

An output's key (policygen.inputs) is a digest of everything that can change its bytes: the
policy and organisation files, the topic vocabulary, the templates it is
rendered through, and policygen's own code. The cache (build/.policygen-cache.json)
also records a digest of each output it wrote; an output is skipped only if
its key matches *and* the file on disk is still the one recorded, so a
deleted or edited output is rebuilt. A cache that cannot be read, or was
written by another cache format, is ignored, never trusted.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

CACHE_NAME = ".policygen-cache.json"
CACHE_FORMAT = 1


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class BuildCache:
    def __init__(self, build_dir: Path, entries: dict[str, dict[str, str]] | None = None, note: str | None = None) -> None:
        self.build_dir = build_dir
        self.entries = entries or {}
        self.note = note  # why an existing cache was ignored, for the user

    @classmethod
    def load(cls, build_dir: Path) -> "BuildCache":
        path = build_dir / CACHE_NAME
        if not path.is_file():
            return cls(build_dir)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != CACHE_FORMAT:
                return cls(build_dir, note="the build cache is from another version of policygen; rebuilding everything")
            entries = data["outputs"]
            if not all(isinstance(v, dict) and set(v) == {"inputs", "output"} for v in entries.values()):
                raise ValueError("malformed entry")
            return cls(build_dir, entries)
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
            return cls(build_dir, note="the build cache is unreadable; ignoring it and rebuilding everything")

    def fresh(self, rel: str, key: str) -> bool:
        entry = self.entries.get(rel)
        if not entry or entry["inputs"] != key:
            return False
        path = self.build_dir / rel
        return path.is_file() and digest(path.read_bytes()) == entry["output"]

    def record(self, rel: str, key: str, data: bytes) -> None:
        self.entries[rel] = {"inputs": key, "output": digest(data)}

    def save(self) -> None:
        from policygen.write import write_if_changed

        data = json.dumps({"format": CACHE_FORMAT, "outputs": dict(sorted(self.entries.items()))}, indent=1, sort_keys=True)
        write_if_changed(self.build_dir / CACHE_NAME, (data + "\n").encode("utf-8"))
