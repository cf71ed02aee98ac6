"""Problems found in an adopting policy's written-out body, located in the file that was written.

Checks see the adopter with its model's sections in it, so a problem there has a path
(``sections[0].blocks[2].text``) that is in no file. It is moved to the block's own place: the
local text under ``adopts.replace`` or ``adopts.add``, or, for the model's own words (a role the
adopter's register lacks), ``adopts.policy`` naming the model's block.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from policygen.load.adoption import BODY_KEYS
from policygen.load.document import LoadedPolicy
from policygen.problems import Problem

_PART = re.compile(r"([A-Za-z_]+)|\[(\d+)\]")


def relocated(doc: LoadedPolicy, problems: Iterable[Problem]) -> Iterator[Problem]:
    for problem in problems:
        ids = _blocks_at(doc, problem) if doc.adopted is not None and problem.file == doc.source.name else []
        yield _moved(doc, problem, ids) if ids else problem


def _blocks_at(doc: LoadedPolicy, problem: Problem) -> list[str]:
    """The ids of the blocks the problem's path passes through in the body, innermost first."""
    parts = [name or int(index) for name, index in _PART.findall(problem.path)]
    if not parts or parts[0] not in BODY_KEYS:
        return []
    node, ids = doc.model, []
    for part in parts:
        try:
            node = node[part] if isinstance(part, int) else getattr(node, part)
        except (AttributeError, IndexError, TypeError):
            break
        if isinstance(getattr(node, "id", None), str):
            ids.insert(0, node.id)
    return ids


def _moved(doc: LoadedPolicy, problem: Problem, ids: list[str]) -> Problem:
    """The problem at the adopter's own words for the block (or one around it), else at the model it names."""
    adoption = doc.model.adopts
    added = {block.id: (i, j) for i, addition in enumerate(adoption.add) for j, block in enumerate(addition.blocks)}
    for block_id in ids:
        if block_id in adoption.replace:
            return doc.source.problem(("adopts", "replace", block_id), problem.message, warning=problem.warning)
        if block_id in added:
            return doc.source.problem(("adopts", "add", added[block_id][0], "blocks", added[block_id][1]), problem.message, warning=problem.warning)
    return doc.source.problem(("adopts", "policy"), f"in the model's block {ids[0]}: {problem.message}", warning=problem.warning)
