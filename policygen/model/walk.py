"""Walk a policy's body and strings with their locations (for checks and resolution)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from pydantic import BaseModel

from policygen.model.content import Section
from policygen.model.policy import Policy

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Located:
    loc: Loc
    block: Any
    depth: int  # 1 for a top-level section or appendix


def iter_blocks(policy: Policy) -> Iterator[Located]:
    """Every block with an id (sections, clauses, tables, …, appendices), in document order."""

    def walk(blocks: list[Any], loc: Loc, depth: int) -> Iterator[Located]:
        for i, block in enumerate(blocks):
            here = loc + (i,)
            yield Located(here, block, depth)
            if isinstance(block, Section):
                yield from walk(block.blocks, here + ("blocks",), depth + 1)

    yield from walk(policy.preamble, ("preamble",), 1)
    yield from walk(policy.sections, ("sections",), 1)
    for i, app in enumerate(policy.appendices):
        yield Located(("appendices", i), app, 1)
        yield from walk(app.blocks, ("appendices", i, "blocks"), 2)
    yield from walk(policy.closing, ("closing",), 1)


def includes(policy: Policy, part: str) -> bool:
    """Whether a block places the generated ``part`` (``include: references``)."""
    return any(getattr(item.block, "include", None) == part for item in iter_blocks(policy))


def iter_strings(node: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every string value in a model tree, with its location."""
    if isinstance(node, str):
        yield loc, node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from iter_strings(getattr(node, name), loc + (name,))
    elif isinstance(node, (list, tuple)):
        for i, item in enumerate(node):
            yield from iter_strings(item, loc + (i,))
    elif isinstance(node, dict):
        for key, item in node.items():
            yield from iter_strings(item, loc + (key,))

