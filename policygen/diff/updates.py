"""Model updates: which of a model's clauses changed between the version an adopter adopted and
the model's current one, and whether each applies cleanly to that adopter.

The model as it was at the adopted version is read from git by policygen.history.model_versions
(the last commit of that version of the model's file) and handed in as raw data. A clause the adopter kept as model is
**clean** (the adopter simply follows the new text); one it replaced or removed, or a removed
clause an addition of its follows, is a **conflict** for the adopter to settle.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from policygen.diff.words import word_diff
from policygen.load.adoption import blocks_by_id, declared_params, substitute
from policygen.model.adoption import Adoption

ADDED, REMOVED, CHANGED = "added", "removed", "changed"
CLEAN, CONFLICT = "clean", "conflict"


@dataclass(frozen=True)
class ClauseUpdate:
    id: str
    change: str  # added, removed or changed in the model
    verdict: str  # clean or conflict
    old_text: str | None  # the model's, at the adopted version (adopter's params filled in)
    new_text: str | None  # the model's current text
    why: str = ""  # what makes it a conflict
    diff: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Update:
    policy: str  # org/policy of the adopter
    model: str
    adopted_version: str
    current_version: str
    clauses: list[ClauseUpdate] = field(default_factory=list)

    def count(self, verdict: str) -> int:
        return sum(c.verdict == verdict for c in self.clauses)


def clause_texts(raw: dict, params: dict[str, str]) -> dict[str, str]:
    """Each text block of a model's raw data by id, with the adopter's params (else the defaults) filled in."""
    values = {k: params.get(k, p.default) for k, p in declared_params(raw).items()}
    return {k: substitute(b["text"], values.get) for k, b in blocks_by_id(raw).items() if isinstance(b.get("text"), str)}


def updates(policy: str, adoption: Adoption, old_raw: dict, new_raw: dict, current: str) -> Update:
    """The model's clause changes from the adopted version (``old_raw``) to now (``new_raw``, version
    ``current``), each clean or a conflict for the adopter ``policy``."""
    old, new = clause_texts(old_raw, adoption.params), clause_texts(new_raw, adoption.params)
    follows = {a.after for a in adoption.add}
    clauses: list[ClauseUpdate] = []
    for block_id in _document_order(old, new):
        before, after = old.get(block_id), new.get(block_id)
        if before == after:
            continue
        change = ADDED if before is None else REMOVED if after is None else CHANGED
        why = ("you replaced it" if block_id in adoption.replace else
               "you removed it" if block_id in adoption.remove else
               "your additions follow it" if change == REMOVED and block_id in follows else "")
        runs = tuple(word_diff(before, after, phrases=True)) if change == CHANGED else ()
        clauses.append(ClauseUpdate(block_id, change, CONFLICT if why else CLEAN, before, after, why, runs))
    return Update(policy, adoption.policy, adoption.version, current, clauses)


def _document_order(old: dict[str, str], new: dict[str, str]) -> list[str]:
    """Every clause id in the new model's order, each removed one after the clause it followed."""
    order = list(new)
    for i, block_id in enumerate(old):
        if block_id not in new:
            order.insert(order.index(list(old)[i - 1]) + 1 if i else 0, block_id)
    return order
