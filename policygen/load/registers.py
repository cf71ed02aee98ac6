"""The project's registers (topic ids, policy kinds, role keys) as the JSON Schema offers them, read from the data.

Here rather than beside the schema: reading the data is loading, and the models
(and the schema generated from them) must not depend on the loader.
"""

from __future__ import annotations

from policygen.load.document import Loader
from policygen.model.schema import Registers


def project_registers(project) -> tuple[Registers, list]:
    """The project's registers read through the loader, and the problems that kept any out."""
    loader = Loader(project)
    vocabulary = loader.vocabulary()
    topics = tuple((t.id, t.label, t.description) for t in vocabulary.topics) if vocabulary else ()
    kinds = tuple((k.id, k.label, k.description) for k in vocabulary.kinds) if vocabulary else ()
    roles: set[str] = set()
    if project.organisations.is_dir():
        for target in project.targets():
            org = loader.organisation(target)  # read once per organisation
            if org is not None:
                roles |= set(org.model.roles)
    return Registers(topics, tuple(sorted(roles)), kinds), loader.problems
