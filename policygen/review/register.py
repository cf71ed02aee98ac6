"""The policy register: every policy, its version, approval and review state.

One row per policy, shared by `policygen status` (terminal, CSV, JSON) and
the register page of the HTML build.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from policygen.load.document import LoadedPolicy
from policygen.model.base import PolicyDate
from policygen.resolve.values import format_date, format_value
from policygen.model.schedule import State, basis_date, due_date, last_day, rule_date, state


@dataclass(frozen=True)
class Entry:
    org: str
    org_name: str
    policy: str
    title: str
    reference: str
    version: str
    status: str
    owner: str  # who answers for the policy: its owner, else the director responsible, else the author
    committee: str  # the approving committee or board
    approved_on: PolicyDate | None
    next_review: PolicyDate | None
    derived: bool  # the date comes from the rule, not from the data

    @property
    def due_day(self) -> dt.date | None:
        return last_day(self.next_review) if self.next_review else None

    def state(self, as_of: dt.date, within: int) -> State:
        return state(self.next_review, as_of, within)

    def as_dict(self, as_of: dt.date, within: int) -> dict[str, object]:
        out = asdict(self)
        out["approved_on"] = self.approved_on.iso() if self.approved_on else None
        out["next_review"] = self.next_review.iso() if self.next_review else None
        st = self.state(as_of, within)
        out.update(state=st.kind, days=st.days, summary=str(st))
        return out

    def next_review_text(self) -> str:
        return format_date(self.next_review, "long") if self.next_review else ""

    def approved_text(self) -> str:
        return format_date(self.approved_on, "long") if self.approved_on else ""


def entries(docs: list[LoadedPolicy]) -> list[Entry]:
    out = []
    for doc in docs:
        p, org = doc.model, doc.org.model
        dc = p.document_control
        due = due_date(p)
        out.append(
            Entry(
                org=org.id,
                org_name=org.short_name,
                policy=p.id,
                title=dc.title,
                reference=dc.reference or "",
                version=dc.version or "",
                status=dc.status,
                owner=format_value(dc.owner or dc.director_responsible or dc.author, org),
                committee=dc.approved.body if dc.approved else "",
                approved_on=basis_date(p),
                next_review=due,
                derived=due is not None and p.review.next_review is None and due == rule_date(p),
            )
        )
    return out


def by_urgency(items: list[Entry], as_of: dt.date, within: int) -> list[Entry]:
    return sorted(items, key=lambda e: (e.state(as_of, within).urgency, e.org, e.policy))


def by_due_date(items: list[Entry]) -> list[Entry]:
    """Earliest due first, undated last: the urgency order on any day, so a page can be built once."""
    return sorted(items, key=lambda e: (e.due_day is None, e.due_day or dt.date.max, e.org, e.policy))
