"""The policy file: document control, review cycle, history, body, EIA."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from policygen.model.adoption import Adoption, Param
from policygen.model.base import KindId, Markdown, PolicyDate, RoleKey, Slug, Strict
from policygen.model.content import Appendix, Block, Section
from policygen.model.eia import EIA
from policygen.model.organisation import LEVELS_DESCRIPTION, Levels
from policygen.model.review import Review


class Person(Strict):
    """Someone named on the front sheet: by role key, job title and/or name."""

    role: RoleKey | None = Field(default=None, description="Key into the organisation's role register.")
    title: str | None = Field(default=None, description="Job title or team, where not a registered role.")
    name: str | None = None
    date: PolicyDate | None = None


class Approval(Strict):
    body: str = Field(description="The committee or board, in full.")
    short: str | None = Field(default=None, description="The short form the source also uses, e.g. 'SWL SMT'.")
    date: PolicyDate | None = None
    version: str | None = Field(
        default=None,
        description="The earlier version this approval was for, when it has carried over: a minor amendment approved by a committee is not re-ratified.",
    )


class ExtraRow(Strict):
    """A labelled front-sheet row that has no typed field: an SOP version, a licence, a classification."""

    label: str
    value: str


class DocumentControl(Strict):
    title: str
    document_type: Literal["policy", "procedure", "guideline", "strategy"] = "policy"
    reference: str | None = None
    version: str | None = Field(default=None, description="As published: drafts 0.1, approved 1.0, minor 1.1.")
    status: Literal["draft", "consultation", "approved", "published", "superseded"] = "approved"
    author: Person | None = None
    reviewers: list[Person] = Field(default_factory=list)
    owner: Person | None = None
    director_responsible: Person | None = None
    approved: Approval | None = Field(default=None, description="The approving body and date.")
    ratified: Approval | None = Field(default=None, description="The ratifying body and date.")
    authorised: Approval | None = Field(default=None, description="Where the source names an authoriser.")
    consultation: str | None = None
    issued: PolicyDate | None = None
    effective: PolicyDate | None = None
    last_review: PolicyDate | None = None
    amendment_dates: str | None = None
    target_audience: str | None = None
    applies_to: str | None = None
    distribution: str | None = None
    supersedes: str | None = None
    keywords: list[str] = Field(default_factory=list)
    extra: list[ExtraRow] = Field(
        default_factory=list,
        description="Labelled rows no typed field holds, printed after the organisation's front-sheet rows, in this order.",
    )


class HistoryRow(Strict):
    version: str
    date: PolicyDate | None = None
    author: str | None = None
    sections: str | None = Field(default=None, description="Section / paragraph / appendix changed.")
    description: str | None = None
    approved_by: str | None = None


class SummaryRow(Strict):
    label: str
    text: Markdown


class Summary(Strict):
    """A labelled summary table (LCHS 'Policy Statement', SWL CCG 'Brief Description')."""

    title: str | None = None
    rows: list[SummaryRow]


class AssociatedDocument(Strict):
    reference: str | None = None
    title: str


class Reference(Strict):
    """Legislation, a standard or guidance the policy follows, listed in its references table.

    With an ``id`` the text can cite it (``{cite:id}``) and a clause can name one of its clauses
    as implemented (``implements``); without one it is only listed."""

    id: Slug | None = Field(
        default=None,
        description="Lets clause text cite it, {cite:ID}, and clauses map to it (implements); unique among the policy's ids.",
    )
    identifier: str | None = Field(
        default=None,
        min_length=1,
        pattern=r"^\S(.*\S)?$",
        description="How it is cited, e.g. 'ISO 13485:2016', '2018 c. 12', 'DSPT 1.1.1': a citation prints it, else the title.",
    )
    title: str
    url: str | None = Field(default=None, pattern=r"^https?://\S+$", description="A web address (http or https), without spaces.")


class Identifiers(Strict):
    """Statement identifiers generated for the policy's clauses in document order."""

    pattern: str = Field(
        pattern=r"^[^{}]*\{n(:0[1-9])?\}[^{}]*$",
        description="The identifier with {n} where the count goes, {n:03} to pad it to three digits: 'POL.ABC.{n:03}' gives POL.ABC.001, POL.ABC.002…",
    )


def _sections_unless_adopted(schema: dict) -> None:
    """An adopting policy's file has no sections (its model's are written out when it loads):
    editors checking the file against the schema must ask for sections only without ``adopts``."""
    schema["required"] = [k for k in schema.get("required", []) if k != "sections"]
    schema["if"] = {"not": {"required": ["adopts"]}}
    schema["then"] = {"required": ["sections"]}


class Policy(Strict):
    """organisations/<org>/<policy-id>.yaml."""

    model_config = ConfigDict(**Strict.model_config, json_schema_extra=_sections_unless_adopted)

    id: Slug
    kind: KindId | None = Field(
        default=None,
        description=(
            "The kind of policy, from vocabulary/topics.yaml: its clauses may carry only that kind's topics and the shared ones, "
            "and comparisons put it beside the other policies of its kind. Without it, the kind the id names "
            "(safeguarding-adults: safeguarding); an id that names none needs it."
        ),
    )
    document_control: DocumentControl
    adopts: Adoption | None = Field(
        default=None,
        description="The model policy this one adopts, and only the local differences: its sections come from the model (see docs/authoring.md, Model policies).",
    )
    params: dict[Slug, Param] = Field(
        default_factory=dict,
        description="In a model body's policy: what its text leaves to each adopter, used as {param:KEY}.",
    )
    review: Review = Field(default_factory=Review)
    version_history: list[HistoryRow] = Field(default_factory=list, description="Oldest first.")
    summary: Summary | None = None
    preamble: list[Block] = Field(
        default_factory=list, description="Unnumbered blocks before the first section, outside the contents."
    )
    sections: list[Section]
    levels: Levels = Field(default=None, description="This policy's numbering, replacing the house style's. " + LEVELS_DESCRIPTION)
    identifiers: Identifiers | None = Field(
        default=None,
        description="Give every clause of the sections and appendices an identifier from a pattern, counting in document order; a clause's own `identifier` replaces its generated one, and a clause with `numbered: false` takes none.",
    )
    eia: EIA | None = None
    associated_documents: list[AssociatedDocument] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    appendices: list[Appendix] = Field(default_factory=list)
    closing: list[Block] = Field(
        default_factory=list,
        description="Unnumbered blocks after the appendices, outside the contents: a copyright or licence notice, closing notes.",
    )
    notes: list[str] = Field(
        default_factory=list, description="Editorial notes: defects of the source and how the data fixes them."
    )
