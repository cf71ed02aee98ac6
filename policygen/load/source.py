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

from policygen.problems import Problem, ProblemsFound, capped

Loc = tuple[str | int, ...]


@dataclass
class Source:
    """A parsed YAML file: its display name, plain data, and (on demand) the located tree."""

    name: str
    data: Any
    text: str = field(repr=False)
    _tree: Any = field(default=None, repr=False)
    _keys: dict[int, dict[Any, tuple[Any, Any]]] = field(default_factory=dict, repr=False)

    @property
    def tree(self) -> Any:
        """libyaml's node graph of the file, with the position of every key and item."""
        if self._tree is None:
            self._tree = pyyaml.compose(self.text, Loader=_FastLoader)
        return self._tree

    def _entries(self, node: Any) -> dict[Any, tuple[Any, Any]]:
        """A mapping node's (key node, value node) by key, indexed once: a file with
        thousands of problems must not make each lookup scan every key again."""
        index = self._keys.get(id(node))
        if index is None:
            index = self._keys[id(node)] = {}
            for k, v in node.value:
                if isinstance(k, pyyaml.ScalarNode):  # a data key is always a scalar; a complex one is found by no loc
                    index.setdefault(k.value, (k, v))
        return index

    def line(self, loc: Loc) -> int:
        """The 1-based line of the deepest part of ``loc`` found in the file."""
        node, line = self.tree, 1
        for part in loc:
            if isinstance(node, pyyaml.MappingNode):
                found = self._entries(node).get(part)
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


class _DuplicateKey(Exception):
    """A mapping gives a key twice; parse_source finds every such key and where."""


def _construct_mapping(loader, node, deep=False):
    """A key given twice is an error, not "the last one wins": checked as each mapping is built,
    so a clean file costs one set per mapping and no second pass."""
    keys = [k.value for k, _ in node.value if isinstance(k, pyyaml.ScalarNode) and k.tag != "tag:yaml.org,2002:merge"]
    if len(set(keys)) != len(keys):
        raise _DuplicateKey
    return pyyaml.constructor.SafeConstructor.construct_mapping(loader, node, deep)


_FastLoader.construct_mapping = _construct_mapping


def parse_source(text: str, name: str) -> Source:
    """Parse YAML text that claims to come from ``name``."""
    try:
        data = pyyaml.load(text, Loader=_FastLoader)
    except _DuplicateKey:
        raise ProblemsFound(capped(sorted(_duplicate_keys(pyyaml.compose(text, Loader=_FastLoader), name)))) from None
    except pyyaml.reader.ReaderError:
        raise ProblemsFound([_bad_character(text, name)]) from None
    except pyyaml.YAMLError as exc:
        data = _plain(_round_trip(text, name, exc))  # raises the located error
    if not isinstance(data, dict):
        raise ProblemsFound([Problem(name, 1, "", "expected a mapping of keys to values at the top of the file")])
    return Source(name, data, text)


def _duplicate_keys(root: Any, name: str) -> list[Problem]:
    """Every key given twice in one mapping, at its second line, naming the first."""
    problems: list[Problem] = []
    stack: list[tuple[Any, Loc]] = [(root, ())]
    while stack:  # no recursion: the input may be nested deep
        node, loc = stack.pop()
        if isinstance(node, pyyaml.MappingNode):
            first: dict[Any, int] = {}
            for key, value in node.value:
                if isinstance(key, pyyaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
                    line = key.start_mark.line + 1
                    if key.value in first:
                        problems.append(Problem(
                            name, line, format_loc((*loc, key.value)),
                            f"key given twice, at lines {first[key.value]} and {line}; keep one",
                        ))
                    first.setdefault(key.value, line)
                stack.append((value, (*loc, key.value)))
        elif isinstance(node, pyyaml.SequenceNode):
            stack.extend((item, (*loc, i)) for i, item in enumerate(node.value))
    return problems


def _bad_character(text: str, name: str) -> Problem:
    """YAML forbids control characters such as NUL: say on which line and column, not at which byte."""
    found = pyyaml.reader.Reader.NON_PRINTABLE.search(text)
    if found is None:  # not expected: the reader and this pattern agree
        return Problem(name, 0, "", "malformed YAML: a character YAML does not allow")
    start = found.start()
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return Problem(name, line, "", f"character U+{ord(found[0]):04X} is not allowed in YAML (column {column}); delete it")


def _round_trip(text: str, name: str, fast_error: pyyaml.YAMLError | None = None) -> Any:
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    try:
        tree = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        what = exc.problem or exc.context or "malformed YAML"
        raise ProblemsFound([Problem(name, line, "", f"malformed YAML: {_one_line(what)}")]) from None
    except YAMLError as exc:
        raise ProblemsFound([Problem(name, 0, "", f"malformed YAML: {_one_line(str(exc))}")]) from None
    except RecursionError:
        # ruamel.yaml recurses once per level; libyaml stops at 1000 levels and says where.
        mark = getattr(fast_error, "problem_mark", None)
        what = getattr(fast_error, "problem", None) or "nested too deeply"
        raise ProblemsFound([Problem(name, mark.line + 1 if mark else 0, "", f"malformed YAML: {_one_line(what)}")]) from None
    return tree


def _one_line(text: str) -> str:
    """A problem is reported on one line, whatever the parser's message looked like."""
    return " ".join(text.split())
