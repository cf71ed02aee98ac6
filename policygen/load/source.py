"""Read one YAML file into plain data while remembering where each value was.

libyaml (through PyYAML, about ten times faster than a pure-Python parser)
gives the data, and, only when a problem needs a line number, the node graph
with the position of every key and item. ruamel.yaml reads the file only
when libyaml cannot, to explain where and why. The fast loader follows YAML
1.2 (``no`` is text, not false) and keeps dates as text, exactly as the
round-trip loader that ``policygen review`` edits with; a test checks that
both read every shipped file alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from policygen.problems import Problem, ProblemsFound

Loc = tuple[str | int, ...]


@dataclass
class Source:
    """A parsed YAML file: its display name, plain data, and (on demand) the located tree."""

    name: str
    data: Any
    text: str = field(repr=False)
    _tree: Any = field(default=None, repr=False)

    @property
    def tree(self) -> Any:
        """libyaml's node graph of the file, with the position of every key and item."""
        if self._tree is None:
            self._tree = pyyaml.compose(self.text, Loader=_FastLoader)
        return self._tree

    def line(self, loc: Loc) -> int:
        """The 1-based line of the deepest part of ``loc`` found in the file."""
        node, line = self.tree, 1
        for part in loc:
            if isinstance(node, pyyaml.MappingNode):
                found = next(((k, v) for k, v in node.value if k.value == part), None)
                if found is None:
                    continue
                line, node = found[0].start_mark.line + 1, found[1]
            elif isinstance(node, pyyaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
                line = node.start_mark.line + 1
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


class _FastLoader(pyyaml.CSafeLoader if hasattr(pyyaml, "CSafeLoader") else pyyaml.SafeLoader):
    """libyaml, resolving plain scalars by ruamel.yaml's YAML 1.2 rules; dates stay text."""


def _yaml12_resolvers() -> dict:
    from ruamel.yaml.resolver import implicit_resolvers

    table: dict = {}
    for versions, tag, regexp, first in implicit_resolvers:
        if (1, 2) in versions and tag.rsplit(":", 1)[-1] in ("bool", "int", "float", "null", "merge"):
            for ch in first:
                table.setdefault(ch, []).append((tag, regexp))
    return table


def _construct_int(loader, node) -> int:
    """YAML 1.2 integers: 010 is ten, 0o10 is eight, underscores are ignored."""
    text = loader.construct_scalar(node).replace("_", "")
    sign = -1 if text.startswith("-") else 1
    digits = text.lstrip("+-")
    for prefix, base in (("0b", 2), ("0o", 8), ("0x", 16)):
        if digits.startswith(prefix):
            return sign * int(digits[2:], base)
    return sign * int(digits, 10)


_FastLoader.yaml_implicit_resolvers = _yaml12_resolvers()
_FastLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def parse_source(text: str, name: str) -> Source:
    """Parse YAML text that claims to come from ``name``."""
    try:
        data = pyyaml.load(text, Loader=_FastLoader)
    except pyyaml.YAMLError:
        data = _plain(_round_trip(text, name))  # raises the located error
    if not isinstance(data, dict):
        raise ProblemsFound([Problem(name, 1, "", "expected a mapping of keys to values at the top of the file")])
    return Source(name, data, text)


def _round_trip(text: str, name: str) -> Any:
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
    return tree
