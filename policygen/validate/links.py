"""References to a block of another policy: ``{ref:policy#id}``, ``{ref:org/policy#id}``.

Checked here rather than in checks.py because they need the library, not only
the document: the named policy is read through the loader (once, however many
policies name it) and its ids looked up. The policies found are kept on the
document (``LoadedPolicy.linked``) so resolve numbers them without reading again.
"""

from __future__ import annotations

from typing import Iterator

from policygen.load.document import LoadedPolicy, Loader
from policygen.model.refs import find_refs, into_other_policy, split_key
from policygen.model.walk import iter_blocks, iter_strings
from policygen.problems import Problem, suggest
from policygen.project import Target


def check_links(doc: LoadedPolicy, loader: Loader) -> Iterator[Problem]:
    project = loader.project
    for loc, text in iter_strings(doc.model):
        for ref in find_refs(text):
            if not into_other_policy(ref):
                continue
            org_id, policy_id, block_id = split_key(ref.key)
            org_id = org_id or doc.target.org_id
            said = f"{{{ref.kind}:{ref.key}}}"
            orgs = project.org_ids()
            if org_id not in orgs:
                yield doc.source.problem(loc, f"{said} names no organisation '{org_id}'{suggest(org_id, orgs)}")
                continue
            policies = project.policy_ids(org_id)
            if policy_id not in policies:
                yield doc.source.problem(loc, f"{said} names no policy '{policy_id}' of {org_id}{suggest(policy_id, policies)}")
                continue
            other = loader.policy(Target(org_id, policy_id, project.organisations / org_id))
            if other is None:
                yield doc.source.problem(loc, f"{said}: {org_id}/{policy_id} has errors, so its numbers are unknown; fix it first")
                continue
            ids = [item.block.id for item in iter_blocks(other.model)]
            if block_id not in ids:
                yield doc.source.problem(loc, f"{said} refers to no section, clause or appendix of {org_id}/{policy_id}{suggest(block_id, ids)}")
                continue
            doc.linked[ref.key] = other
