"""Which kind of policy (vocabulary/topics.yaml) an imported policy is.

Comparisons across organisations group policies by kind, so an import always ends with one or
says why not: the kind the user gave (``--kind``), else the kind the policy's id names
(``records-management-policy``), else the kind its title names when only one kind's words are in
it ("Safeguarding Adults and Children Policy"), else none, and the report asks for ``--kind``.
"""

from __future__ import annotations

import re

from policygen.model.vocabulary import Vocabulary

# Words in a policy's title → the kind they name. Small on purpose: a phrase goes here only when
# a policy titled with it is that kind and no other ("Data Protection" titles are data protection,
# "Information Governance" ones information governance, though each touches the other).
TITLE_WORDS = (
    ("social media", "social-media"),
    ("information governance", "information-governance"),
    ("data protection", "data-protection"),
    ("records management", "records-management"),
    ("records", "records-management"),  # "Health Records", "Records Retention": kept records are its subject
    ("health and safety", "health-and-safety"),
    ("human resources", "hr"),
    ("safeguarding", "safeguarding"),
    ("complaint", "complaints"),
    ("complaints", "complaints"),
    ("infection prevention", "infection-control"),
    ("infection control", "infection-control"),
    ("information security", "it-security"),
    ("cyber security", "it-security"),
)


def from_title(title: str, kinds: list[str]) -> str | None:
    """The one kind of ``kinds`` the title's words name; None when it names none or several."""
    words = " " + re.sub(r"[^a-z]+", " ", title.lower().replace("&", " and ")) + " "
    named = {kind for phrase, kind in TITLE_WORDS if f" {phrase} " in words and kind in kinds}
    return named.pop() if len(named) == 1 else None


def choose(vocabulary: Vocabulary | None, given: str | None, policy_id: str, title: str) -> tuple[str | None, str]:
    """(the kind, how it was chosen); ``given`` (``--kind``) is already checked against the
    vocabulary, which is None when it does not load (validation then says why)."""
    if given or vocabulary is None:
        return given, "from --kind"
    if kind := vocabulary.kind_named_by(policy_id):
        return kind, "from its id"
    if kind := from_title(title, vocabulary.kind_ids()):
        return kind, "from its title"
    return None, ""


def missing(vocabulary: Vocabulary | None) -> str:
    """The check an import without a kind carries, in its report and its YAML."""
    choices = f" (one of {', '.join(vocabulary.kind_ids())})" if vocabulary is not None else ""
    return f"no kind: neither its id nor its title names one; import again with --kind, or add `kind:`{choices}"
