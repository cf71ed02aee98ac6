"""Statement identifiers: a clause's own (``identifier``), or one the policy's pattern generates.

The pattern (``identifiers.pattern``) counts the clauses of the sections and appendices in
document order. A clause that declares its own identifier still takes its place in the count, so
declaring one never shifts the others; the preamble, the closing notes and clauses marked
``numbered: false`` are narrative and take none unless they declare one.
"""

from __future__ import annotations

from typing import Iterator

from policygen.model.content import Clause
from policygen.model.policy import Policy
from policygen.model.walk import Located, iter_blocks


# Unnumbered blocks around the body, outside the contents: they state no policy.
NARRATIVE = ("preamble", "closing")


def statement_identifiers(policy: Policy) -> Iterator[tuple[Located, str]]:
    """Each clause that has an identifier, with it, in document order."""
    pattern = policy.identifiers.pattern if policy.identifiers else None
    count = 0
    for item in iter_blocks(policy):
        clause = item.block
        if not isinstance(clause, Clause):
            continue
        counted = pattern is not None and item.loc[0] not in NARRATIVE and clause.numbered is not False
        count += counted
        if clause.identifier:
            yield item, clause.identifier
        elif counted:
            yield item, pattern.format(n=count)
