"""Write suggested topics into the YAML, only when the user asks (``--accept-suggestions``).

Each clause without topics gets its best suggestion as ``topics: [id]`` on the
line after its ``id:`` (or in place of an empty ``topics: []``). The edit is
made on the text, by the line numbers of ruamel's round-trip tree, so every other byte
of the file (comments, folded text, key order) stays as the author wrote it.
"""

from __future__ import annotations

from policygen.load import edit as edit_yaml
from policygen.compare.comparison import Comparison
from policygen.model.walk import iter_blocks
from policygen.write import write_if_changed


def accept_suggestions(cmp: Comparison) -> list[str]:
    """Apply the best suggestion to every untagged clause; one line of report per clause and per file.

    A clause whose best suggestions score the same (its nearest clause has two
    topics, say) is a tie: which topic it is about is the author's call, so
    it is reported with every tied topic and left untagged.
    """
    report: list[str] = []
    tagged = 0
    for org in cmp.orgs:
        untagged = [u for u in org.units if not u.topics]
        if not untagged:
            continue
        doc = org.doc
        locs = {getattr(item.block, "id", None): item.loc for item in iter_blocks(doc.model)}
        path = doc.target.policy_file
        shown = f"{path.parent.name}/{path.name}"
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines(keepends=True)
        tree = edit_yaml.load(text)  # ruamel's round-trip tree: the line and column of every key
        edits: list[tuple[int, bool, str]] = []  # (0-based line, replace?, new line)
        for unit in untagged:
            suggestions = cmp.suggestions(unit)
            where = f"{shown}: {unit.id} ({org.short} {unit.cite})"
            if not suggestions:
                report.append(f"{where}: no suggestion, left untagged")
                continue
            best = suggestions[0]
            tied = [s.topic for s in suggestions if s.score == best.score]
            if len(tied) > 1:
                report.append(f"{where}: tie between {' and '.join(tied)} (similarity {best.score:.2f}), left untagged; add the right one by hand")
                continue
            edit = _edit(_node(tree, locs[unit.id]), lines, best.topic)
            if edit is None:
                report.append(f"{where}: not written (its YAML is not in block style); add topics: [{best.topic}] by hand")
                continue
            edits.append(edit)
            report.append(f"{where}: topics: [{best.topic}] (similarity {best.score:.2f})")
        for line, replace, new_line in sorted(edits, reverse=True):
            lines[line:line + 1 if replace else line] = [new_line]
        if edits and write_if_changed(path, "".join(lines).encode("utf-8")):
            report.append(f"wrote organisations/{shown}: {len(edits)} clause{'s' if len(edits) != 1 else ''} tagged")
            tagged += len(edits)
    if not report:
        return [f"{cmp.title}: every clause has a topic, nothing written"]
    left = sum(1 for line in report if "left untagged" in line or "not written" in line)
    report.append(f"{cmp.title}: {tagged} clause{'s' if tagged != 1 else ''} tagged, {left} left untagged")
    return report


def _node(tree, loc):
    node = tree
    for part in loc:
        node = node[part]
    return node


def _edit(node, lines: list[str], topic: str) -> tuple[int, bool, str] | None:
    eol = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    if "topics" in node:  # present but empty: `topics: []`
        line, col = node.lc.key("topics")
        if lines[line][col:].rstrip() in ("topics: []", "topics:[]"):
            return line, True, " " * col + f"topics: [{topic}]" + eol
        return None
    line, col = node.lc.key("id")
    if not lines[line][col:].startswith("id:"):
        return None
    return line + 1, False, " " * col + f"topics: [{topic}]" + eol
