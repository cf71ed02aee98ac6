"""Moving an adopter to a newer version of its model: the round-trip edit of its ``adopts``.

Only ``adopts`` changes: its version, and a YAML comment above each entry the model update
touched, so every local difference and every comment the author wrote stays as it was. A
clause kept as model needs no edit (the adopter follows the model's new text); a reworded
clause the adopter replaced or removed keeps the local entry, with the model's new words in
a comment to settle; an addition after a clause the model removed moves up to the model
clause before it, saying so. A replacement or removal of a clause the model removed is
flagged and left for the author: dropping it would lose a local change.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from policygen.diff.updates import CHANGED, CONFLICT, REMOVED, Update, clause_texts
from policygen.load import edit


@dataclass
class Moved:
    text: str
    notes: list[str] = field(default_factory=list)  # what the author must look at


def moved(text: str, update: Update, old_model: dict, to: str) -> Moved:
    """The adopter's file ``text`` moved from ``update.adopted_version`` to model version ``to``."""
    tree = edit.load(text)
    adopts = tree["adopts"]
    was = adopts["version"]
    adopts["version"] = type(was)(to) if isinstance(was, str) else to  # keep the author's quoting
    out = Moved("")
    old_ids = list(clause_texts(old_model, {}))
    for c in (c for c in update.clauses if c.verdict == CONFLICT):
        where = "replace" if c.id in (adopts.get("replace") or {}) else "remove" if c.id in (adopts.get("remove") or {}) else None
        if c.change == CHANGED and where:
            _flag(adopts[where], c.id, f'adopt: conflict — the model changed this clause from {update.adopted_version} to {to}: '
                                       f'"{c.new_text}"; keep yours, take theirs or merge')
            out.notes.append(f"adopts.{where}.{c.id}: conflict: the model changed this clause; yours is kept, marked with a comment")
        elif c.change == REMOVED and where:
            _flag(adopts[where], c.id, f"adopt: the model removed this clause in {to}: delete this entry, or move your text under add")
            out.notes.append(f"adopts.{where}.{c.id}: the model removed this clause in {to}: delete the entry, or move your text under add")
        for i, addition in enumerate(adopts.get("add") or []):
            if c.change == REMOVED and addition.get("after") == c.id:
                before = _surviving_before(c.id, old_ids, update)
                addition["after"] = before
                _flag(adopts["add"], i, f"adopt: the model removed {c.id} in {to}; these blocks now follow {before}")
                out.notes.append(f"adopts.add[{i}].after: the model removed {c.id}; the blocks now follow {before}")
    out.text = edit.dump(tree)
    return out


def _flag(parent: CommentedMap | CommentedSeq, key: str | int, comment: str) -> None:
    """A comment on the line above ``parent[key]`` (an entry, or a list item), at its indent."""
    parent.yaml_set_comment_before_after_key(key, before=comment, indent=parent.lc.col or 0)


def _surviving_before(block_id: str, old_ids: list[str], update: Update) -> str:
    """The nearest model clause before ``block_id`` (in the old model) that the new model still has."""
    gone = {c.id for c in update.clauses if c.change == REMOVED}
    earlier = [k for k in old_ids[:old_ids.index(block_id)] if k not in gone]
    return earlier[-1] if earlier else old_ids[0]
