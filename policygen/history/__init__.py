"""History: each policy's versions read from git, as it stood on any date, and what changed since.

``timeline(project, target)`` (and ``timelines`` for many at once) gives a policy's
versions, each a ``VersionSpan`` with its commits, approval, effective date and the
date it stopped being in force; ``policygen.history.versions`` states the rules.
Importing this package runs nothing and calls no git.
"""

from policygen.history.timeline import timeline, timelines
from policygen.history.versions import VersionSpan, in_force

__all__ = ["VersionSpan", "in_force", "timeline", "timelines"]
