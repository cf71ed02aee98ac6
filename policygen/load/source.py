"""Read one YAML file into plain data while remembering where each value was.

ruamel.yaml's round-trip loader records the line of every key and item; we
keep that tree beside the plain data so any later stage can turn a field path
such as ``sections[2].blocks[0].text`` back into a line number.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from policygen.problems import Problem, ProblemsFound

Loc = tuple[str | int, ...]


@dataclass
class Source:
    """A parsed YAML file: its display name, plain data and the located tree."""

    name: str
    data: Any
    tree: Any

    def line(self, loc: Loc) -> int:
        """The 1-based line of the deepest part of ``loc`` found in the file."""
        node, line = self.tree, 1
        for part in loc:
            if isinstance(node, CommentedMap) and part in node:
                line = node.lc.key(part)[0] + 1
                node = node[part]
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
                line = node.lc.item(part)[0] + 1
                node = node[part]
        return line

    def problem(self, loc: Loc, message: str, *, warning: bool = False) -> Problem:
        return Problem(self.name, self.line(loc), format_loc(loc), message, warning)


def format_loc(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return node


class _Constructor(RoundTripConstructor):
    """Keeps dates as the text written, so a bad date is a located model error, not a crash."""


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_str)


def read_source(path: Path, name: str) -> Source:
    """Parse ``path``; raise ProblemsFound with a located message if it is not valid YAML."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ProblemsFound(
            [Problem(name, line, "", f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); save it as UTF-8")]
        ) from None
    return parse_source(text, name)


def parse_source(text: str, name: str) -> Source:
    """Parse YAML text that claims to come from ``name``."""
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    try:
        tree = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        what = exc.problem or exc.context or "malformed YAML"
        raise ProblemsFound([Problem(name, line, "", f"malformed YAML: {what}")]) from None
    except YAMLError as exc:
        raise ProblemsFound([Problem(name, 0, "", f"malformed YAML: {exc}")]) from None
    if not isinstance(tree, CommentedMap):
        raise ProblemsFound([Problem(name, 1, "", "expected a mapping of keys to values at the top of the file")])
    return Source(name, _plain(tree), tree)
