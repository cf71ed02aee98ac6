"""Where an adopter's clauses come from, for a comparison: as model, local variation, local only.

Read from the adopter's drift (``policygen.diff.drift``), never recomputed: a clause kept, or
replaced with the model's own words, is "as model"; one replaced with other words is a "local
variation"; one the adopter added is "local only". A policy that adopts no model has none.
"""

from __future__ import annotations

from policygen.diff.drift import ADDED, AS_MODEL, AS_MODEL_AGAIN, CHANGED, drift
from policygen.load.document import LoadedPolicy

LOCAL_VARIATION, LOCAL_ONLY = "local variation", "local only"
_FROM_DRIFT = {AS_MODEL: AS_MODEL, AS_MODEL_AGAIN: AS_MODEL, CHANGED: LOCAL_VARIATION, ADDED: LOCAL_ONLY}


def provenance(doc: LoadedPolicy) -> dict[str, str]:
    """Block id → its provenance, for each clause of an adopting policy (empty for any other)."""
    if doc.adopted is None:
        return {}
    return {c.id: _FROM_DRIFT[c.status] for c in drift(doc).clauses if c.status in _FROM_DRIFT}
