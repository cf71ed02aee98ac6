"""Write suggested topics into the YAML, only when the user asks (``--accept-suggestions``).

Each clause without topics gets its best suggestion as ``topics: [id]`` on the
line after its ``id:`` (or in place of an empty ``topics: []``). The edit is
made on the text, by the line numbers of ruamel's round-trip tree, so every other byte
of the file (comments, folded text, key order) stays as the author wrote it.
"""

from __future__ import annotations

from policygen import edit as edit_yaml
from policygen.compare.comparison import Comparison
from policygen.model.walk import iter_blocks
from policygen.write import write_if_changed


def accept_suggestions(cmp: Comparison) -> list[str]:
    """Apply the best suggestion to every untagged clause; one line of report per clause."""
    report: list[str] = []
    for org in cmp.orgs:
        untagged = [u for u in org.units if not u.topics]
        if not untagged:
            continue
        doc = org.doc
        locs = {getattr(item.block, "id", None): item.loc for item in iter_blocks(doc.model)}
        path = doc.target.policy_file
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines(keepends=True)
        tree = edit_yaml.load(text)  # ruamel's round-trip tree: the line and column of every key
        edits: list[tuple[int, bool, str]] = []  # (0-based line, replace?, new line)
        for unit in untagged:
            suggestions = cmp.suggestions(unit)
            where = f"{path.parent.name}/{path.name}: {unit.id} ({org.short} {unit.cite})"
            if not suggestions:
                report.append(f"{where}: no suggestion, left untagged")
                continue
            best = suggestions[0]
            node = _node(tree, locs[unit.id])
            edit = _edit(node, lines, best.topic)
            if edit is None:
                report.append(f"{where}: not written (its YAML is not in block style); add topics: [{best.topic}] by hand")
                continue
            edits.append(edit)
            report.append(f"{where}: topics: [{best.topic}] (similarity {best.score:.2f})")
        for line, replace, text in sorted(edits, reverse=True):
            lines[line:line + 1 if replace else line] = [text]
        write_if_changed(path, "".join(lines).encode("utf-8"))
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
