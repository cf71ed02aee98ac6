"""The organisations, kinds and policies a search is limited to, checked against what exists.

A name that exists nowhere is wrong usage, said in one line with the nearest
name ("no organisation 'lhcs' under organisations/ (did you mean 'lchs'?)"),
the same way every command says it, rather than an empty result.
"""

from __future__ import annotations

from policygen.problems import suggest
from policygen.project import Project, UnknownName, no_organisation
from policygen.search.results import Filters
from policygen.search.store import SearchIndex


class Unusable(ValueError):
    """Wrong usage (exit 2), said in one line."""


def checked_orgs(project: Project, orgs: tuple[str, ...]) -> tuple[str, ...]:
    """``orgs``, each an organisation of the project (UnknownName otherwise)."""
    known = project.org_ids()
    unknown = [no_organisation(o, known) for o in orgs if o not in known]
    if unknown:
        raise UnknownName(unknown)
    return orgs


def checked_filters(project: Project, index: SearchIndex, orgs: tuple[str, ...] = (), kinds: tuple[str, ...] = (),
                    policies: tuple[str, ...] = ()) -> Filters:
    from policygen.load.document import Loader

    checked_orgs(project, orgs)
    vocabulary = Loader(project).vocabulary()
    known_kinds = set(vocabulary.kind_ids() if vocabulary else ()) | _column(index, "kind")
    for kind in kinds:
        if kind not in known_kinds:
            raise Unusable(f"--kind: no kind '{kind}' in vocabulary/topics.yaml or the policies{suggest(kind, sorted(known_kinds))}")
    known_policies = {t.policy_id for t in project.targets()}
    for policy in policies:
        if policy not in known_policies:
            raise UnknownName([f"no organisation has a policy '{policy}'{suggest(policy, sorted(known_policies))}"])
    return Filters(orgs, kinds, policies)


def _column(index: SearchIndex, column: str) -> set[str]:
    return {v for (v,) in index.db.execute(f"SELECT DISTINCT {column} FROM clauses") if v}
