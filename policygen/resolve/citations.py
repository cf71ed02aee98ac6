"""The policy's references as a table, what ``{cite:ID}`` prints and links to, and the
standards mapping (which clause of the policy implements which clause of a standard).

Worked out once here so every format prints the same words for a citation (the reference's
identifier, else its title), lists the same rows, each citable row anchored by its id, and
sorts the mapping the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from policygen.model.content import Clause
from policygen.model.policy import Policy, Reference
from policygen.resolve.text import Target


@dataclass(frozen=True)
class ReferenceRow:
    anchor: str | None  # the reference's id, where it has one: citations link here
    identifier: str | None
    title: str
    url: str | None


@dataclass(frozen=True)
class ReferencesTable:
    """The references table: an identifier column only when a reference has an identifier, a
    web address column only when one has an address, so a plain list of titles stays one column."""

    rows: list[ReferenceRow]

    @property
    def identified(self) -> bool:
        return any(r.identifier for r in self.rows)

    @property
    def linked(self) -> bool:
        return any(r.url for r in self.rows)

    def _columns(self) -> list[tuple[str, float]]:
        """The shown columns with their relative widths: an identifier is short, and a web
        address, one long word, would otherwise take the title's room."""
        shown = {"Identifier": self.identified, "Title": True, "Web address": self.linked}
        return [(h, w) for h, w in (("Identifier", 1.0), ("Title", 2.0), ("Web address", 2.0)) if shown[h]]

    @property
    def header(self) -> list[str]:
        return [h for h, _ in self._columns()]

    @property
    def widths(self) -> list[float]:
        """Fractions of the table's width, as a table block's: every format lays it out alike."""
        weights = [w for _, w in self._columns()]
        return [w / sum(weights) for w in weights]

    def cells(self, row: ReferenceRow) -> list[tuple[str, str | None]]:
        """The row's cells as (text, web address it links to), in the header's columns."""
        cells = [(row.identifier or "", None)] if self.identified else []
        cells.append((row.title, None))
        if self.linked:
            cells.append((row.url or "", row.url))
        return cells


def references_table(policy: Policy) -> ReferencesTable:
    return ReferencesTable([ReferenceRow(r.id, r.identifier, r.title, r.url) for r in policy.references])


def citation_targets(references: list[Reference]) -> dict[str, Target]:
    """Each citable reference by id: ``{cite:ID}`` prints its identifier, else its title, and
    links to its row of the references table."""
    return {
        r.id: Target(r.id, None, r.title, "reference", identifier=r.identifier, url=r.url)
        for r in references
        if r.id
    }


@dataclass(frozen=True)
class MappingRow:
    """One standard clause and the policy clause that implements it."""

    standard: str  # as a citation prints it: the identifier, else the title
    standard_anchor: str  # the standard's row of the references table
    clause: str  # the standard's clause, as it numbers it ("7.5.3")
    number: str  # the policy clause as cited: its number, else its identifier
    anchor: str  # the policy clause's id
    heading: str  # the heading the policy clause sits under


MAPPING_HEADER = ["Standard", "Standard clause", "Policy clause", "Heading"]
NO_MAPPING = "No clause of this policy names a standard clause it implements."  # a placed mapping with no rows


def natural_key(text: str) -> tuple:
    """Numbers compared as numbers: 7.5.3 before 7.5.10, A.2 before A.10."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part.casefold()) for part in re.split(r"(\d+)", text) if part)


def standards_mapping(clauses: Iterable[tuple[Clause, str, str]], citations: dict[str, Target]) -> list[MappingRow]:
    """The rows for every ``implements`` of the given (clause, its number as cited, the heading
    it sits under), sorted by standard, then by the standard's clause in natural order."""
    rows = [
        MappingRow(citations[i.standard].cited(full=True), i.standard, i.clause, number, clause.id, heading)
        for clause, number, heading in clauses
        for i in clause.implements
        if i.standard in citations  # validation reports one that is not
    ]
    return sorted(rows, key=lambda r: (natural_key(r.standard), natural_key(r.clause), r.anchor))
