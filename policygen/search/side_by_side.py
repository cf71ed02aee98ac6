"""``policygen compare --query``: each organisation's clauses on an ad hoc topic, side by side.

For a topic the vocabulary has no id for ("lone working", "bring your own
device"): the search's best few clauses per organisation, in a column each,
and "no match" where an organisation has none, which is the gap a reader is
looking for. The terminal table and Markdown put the columns side by side; CSV
gives one row per clause.
"""

from __future__ import annotations

import csv
import io

from policygen.compare.output import grid
from policygen.search.output import where
from policygen.search.query import Query
from policygen.search.results import Filters, Hit, marked, search, snippet
from policygen.search.store import SearchIndex

NONE = "no match"
PER_ORG = 3
SNIPPET = 160
FORMATS = ("table", "markdown", "csv")


def columns(index: SearchIndex, query: Query, orgs: list[str], filters: Filters, per_org: int = PER_ORG) -> dict[str, list[Hit]]:
    """Each organisation's best ``per_org`` clauses, in ``orgs`` order (each organisation ranked on its own)."""
    return {org: search(index, query, Filters((org,), filters.kinds, filters.policies), per_org) for org in orgs}


def _cell(hit: Hit, with_policy: bool) -> str:
    text, spans = snippet(hit.text, hit.matches, SNIPPET)
    return f"{hit.policy + ' ' if with_policy else ''}{hit.number}: {marked(text, spans)}"


def render(by_org: dict[str, list[Hit]], query: Query, fmt: str, width: int = 120) -> str:
    if fmt == "csv":
        return _csv(by_org)
    depth = max((len(h) for h in by_org.values()), default=0)
    with_policy = len({h.policy for hits in by_org.values() for h in hits}) > 1  # else the number is enough
    rows = [[_cell(hits[i], with_policy) if i < len(hits) else (NONE if i == 0 else "") for hits in by_org.values()] for i in range(depth)]
    if fmt == "markdown":
        header = "| " + " | ".join(by_org) + " |\n|" + "---|" * len(by_org) + "\n"
        body = "".join("| " + " | ".join(_md(c) for c in row) + " |\n" for row in rows)
        return f"# Clauses matching {query.text!r}, by organisation\n\n{header}{body}"
    title = f"Clauses matching {query.text!r}, best first in each organisation ([…]: the matching words)\n\n"
    # grid() breaks lines between items joined by "; ": one item per cell here.
    return title + grid(list(by_org), [[c.replace("; ", ";\u00a0") for c in row] for row in rows], width)


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _csv(by_org: dict[str, list[Hit]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["organisation", "rank", "policy", "number", "where", "score", "text"])
    for org, hits in by_org.items():
        for rank, hit in enumerate(hits, 1):
            writer.writerow([org, rank, hit.policy, hit.number, where(hit), hit.score, hit.text])
        if not hits:
            writer.writerow([org, "", "", "", NONE, "", ""])
    return out.getvalue()


class NoMatch(LookupError):
    """No organisation has a matching clause; the message says why and what is near."""


def _holders(project, index: SearchIndex, kinds: tuple[str, ...], policies: tuple[str, ...]) -> list[str]:
    """The organisations with a policy of the kind (or of the id) compared: every one when neither is named."""
    if kinds:
        return sorted(org for (org,) in index.db.execute("SELECT DISTINCT org FROM clauses WHERE kind = ?", kinds))
    return sorted({t.org_id for t in project.targets() if not policies or t.policy_id in policies})


def compare_by_query(project, text: str, orgs: tuple[str, ...], kind: str | None, fmt: str) -> str:
    """The side-by-side output for ``text`` (Unusable, UnknownName: wrong usage; NoMatch: nothing matches).

    ``kind`` is what `policygen compare` was given: a kind, or a policy id standing for its kind's
    policies as the comparison reads it; only that policy's clauses are searched then."""
    import shutil

    from policygen.load.document import Loader
    from policygen.search.query import BadQuery, parse
    from policygen.search.refresh import index_path, refresh
    from policygen.search.results import no_hit
    from policygen.search.scope import Unusable, checked_filters, checked_orgs

    if fmt not in FORMATS:
        raise Unusable(f"--query prints {', '.join(FORMATS)}, not {fmt}")
    try:
        query = parse(text)
    except BadQuery as exc:
        raise Unusable(f"--query: {exc}") from None
    checked_orgs(project, orgs)
    refresh(project)
    vocabulary = Loader(project).vocabulary()
    kinds = (kind,) if kind and vocabulary and kind in vocabulary.kind_ids() else ()
    policies = (kind,) if kind and not kinds else ()
    with SearchIndex.open(index_path(project)) as index:
        filters = checked_filters(project, index, (), kinds, policies)
        wanted = list(orgs) or _holders(project, index, kinds, policies)
        by_org = columns(index, query, wanted, filters)
        if not any(by_org.values()):
            raise NoMatch(no_hit(index, query, Filters(orgs, kinds, filters.policies)))
    return render(by_org, query, fmt, shutil.get_terminal_size((120, 24)).columns)
