"""Where an adopting policy departs from its model, clause by clause.

Read from the model's file and the adopter's ``adopts`` differences, both with the adopter's
params filled in, so a replacement that writes out the same words as the model is seen to be
the model's again. Each clause is: as model, changed (with a word diff), as model again (a
replacement identical to the model's text), removed (with the reason given), or added.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from policygen.diff.words import word_diff
from policygen.load.adoption import BODY_KEYS, declared_params, substitute
from policygen.load.document import LoadedPolicy

AS_MODEL, CHANGED, AS_MODEL_AGAIN, REMOVED, ADDED = "as model", "changed", "as model again", "removed", "added"


@dataclass(frozen=True)
class ClauseDrift:
    id: str
    status: str
    model_text: str | None = None
    local_text: str | None = None
    note: str | None = None  # why it was removed, or which model block an addition follows
    diff: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Drift:
    policy: str  # org/policy of the adopter
    model: str  # org/policy of the model
    adopted_version: str
    current_version: str | None
    clauses: list[ClauseDrift] = field(default_factory=list)

    @property
    def behind(self) -> bool:
        """The model has moved on from the version adopted."""
        return self.adopted_version != self.current_version

    def count(self, status: str) -> int:
        return sum(c.status == status for c in self.clauses)


def drift(doc: LoadedPolicy) -> Drift:
    """The drift of an adopting policy (one with ``adopted``, its model, loaded) from its model."""
    adoption, model = doc.model.adopts, doc.adopted
    raw = model.source.data
    values = {k: adoption.params.get(k, p.default) for k, p in declared_params(raw).items()}

    def filled(text: str) -> str:
        return substitute(text, values.get)

    additions = {a.after: a for a in adoption.add}
    clauses: list[ClauseDrift] = []
    for block, removed_with in _model_blocks(raw, set(adoption.remove)):
        block_id, text = block["id"], block.get("text")
        if removed_with is not None:
            reason = adoption.remove[removed_with] if removed_with == block_id else f"removed with {removed_with}"
            clauses.append(ClauseDrift(block_id, REMOVED, model_text=filled(text) if text else None, note=reason))
        elif block_id in adoption.replace:
            old, new = filled(text), filled(adoption.replace[block_id])
            if old == new:
                clauses.append(ClauseDrift(block_id, AS_MODEL_AGAIN, old, new))
            else:
                clauses.append(ClauseDrift(block_id, CHANGED, old, new, diff=tuple(word_diff(old, new, phrases=True))))
        elif text is not None:
            clauses.append(ClauseDrift(block_id, AS_MODEL, filled(text), filled(text)))
        if block_id in additions:
            clauses += [ClauseDrift(b.id, ADDED, local_text=filled(b.text), note=f"after {block_id}")
                        for b in additions[block_id].blocks if getattr(b, "text", None)]
    return Drift(str(doc.target), adoption.policy, adoption.version, model.model.document_control.version, clauses)


def _model_blocks(raw: dict, removed: set[str]) -> Iterator[tuple[dict, str | None]]:
    """Each of the model's blocks with an id, in document order, with the removed block it goes with (itself or a section around it)."""

    def walk(items: Any, removed_with: str | None) -> Iterator[tuple[dict, str | None]]:
        for block in items if isinstance(items, list) else ():
            if isinstance(block, dict) and isinstance(block.get("id"), str):
                gone = removed_with or (block["id"] if block["id"] in removed else None)
                yield block, gone
                yield from walk(block.get("blocks"), gone)

    for key in BODY_KEYS:
        yield from walk(raw.get(key), None)
