"""The organisation file: who it is, its roles, and its house style."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from policygen.model.base import LabelledField, PolicyDate, Slug, Strict

def _said(alt: str) -> str:
    if not alt.strip():
        raise ValueError("is empty: say what the picture shows, for readers who cannot see it")
    return alt


AltText = Annotated[
    str,
    Field(description="What the picture shows, for readers who cannot see it (required, not empty)."),
    AfterValidator(_said),
]


class Picture(Strict):
    """A picture from a file inside the organisation's folder (PNG, JPEG or SVG)."""

    src: str = Field(description="Path relative to the organisation's folder, e.g. images/logo.svg; never a URL.")
    alt: AltText
    fallback: str | None = Field(
        default=None,
        description="A PNG or JPEG of the same picture for Word, which cannot show SVG; required when src is an SVG.",
    )


def _labelled(*rows: tuple[str, str]) -> list[LabelledField]:
    """Default table rows or columns: (label, field) pairs."""
    return [LabelledField(label=label, field=field) for label, field in rows]


class OrgType(str, Enum):
    nhs_trust = "nhs-trust"
    foundation_trust = "foundation-trust"
    ccg = "ccg"
    icb = "icb"
    lpc = "lpc"
    social_enterprise = "social-enterprise"
    other = "other"


class Role(Strict):
    """A role in the organisation's register; text names it by key."""

    title: str = Field(description="How the text names the role, e.g. 'Communications Team'.")
    holder: str | None = Field(default=None, description="The person holding it, where the source names one.")
    aliases: list[str] = Field(
        default_factory=list, description="Other names the text uses for the same role ('Chief Executive Officer' for 'CEO')."
    )


class Numbering(str, Enum):
    """Numbering schemes seen in NHS policies.

    none: no numbers. "1.": top level "1.", below "1.1". "1.1": top level "1",
    below "1.1". "1.0": top level "1.0", below "1.1", "1.1.1".
    """

    none = "none"
    dotted = "1."
    plain = "1.1"
    zero = "1.0"


class NumberKind(str, Enum):
    """How one level counts: 1 2 3, a b c, A B C, i ii iii, I II III, or not at all."""

    arabic = "arabic"
    lower_alpha = "lower-alpha"
    upper_alpha = "upper-alpha"
    lower_roman = "lower-roman"
    upper_roman = "upper-roman"
    none = "none"


class LevelStyle(Strict):
    """How one level of headings and clauses is numbered.

    A nested number carries its parent's ("4.2.1"); a standalone one does not ("a)"), and
    text cites it after its parent's in brackets ("4.2(a)"), so a citation is never ambiguous.
    """

    kind: NumberKind = NumberKind.arabic
    nested: bool = Field(default=True, description="Include the parent's number (4.2.1) or stand alone (a).")
    separator: str = Field(default=".", description="Between the parent's number and this one when nested.")
    prefix: str = Field(default="", description="Printed before the number, e.g. '(' for (i).")
    suffix: str = Field(default="", description="Printed after the number, e.g. ')' for a) or '.' for A.")
    cited_with_suffix: bool = Field(
        default=False, description="Whether text citing the number keeps the suffix (the '.0' of '3.0'); children never do."
    )


ListKind = Literal["arabic", "lower-alpha", "upper-alpha", "lower-roman", "upper-roman"]

Levels = list[LevelStyle] | None
LEVELS_DESCRIPTION = (
    "The numbering of each level, first entry the top: replaces the shorthand `numbering` (and the "
    "three-level limit) from here down. Blocks deeper than the list are not numbered."
)


Block = Literal[
    "title",
    "front_sheet",
    "signatories",
    "controlled_document",
    "summary",
    "version_history",
    "contents",
    "preamble",
    "sections",
    "appendices",
    "closing",
    "end_marker",
]


class Colours(Strict):
    primary: str = Field(default="#005EB8", pattern=r"^#[0-9A-Fa-f]{6}$", description="Headings and rules.")
    secondary: str = Field(default="#003087", pattern=r"^#[0-9A-Fa-f]{6}$", description="Table headers.")
    text: str = Field(default="#212B32", pattern=r"^#[0-9A-Fa-f]{6}$")


class Style(Strict):
    """The house style: how this organisation lays out and numbers its documents."""

    numbering: Numbering = Field(
        default=Numbering.plain, description='Shorthand for the numbering of three levels: none, "1.", "1.1" or "1.0".'
    )
    levels: Levels = Field(default=None, description=LEVELS_DESCRIPTION)
    lists: list[ListKind] = Field(
        default_factory=list,
        description=(
            "How numbered lists in Markdown text count, by list depth (e.g. [lower-alpha, lower-roman]: "
            "a. b. c., inside them i. ii. iii.); the last entry goes on for deeper lists. Empty: the formats' defaults."
        ),
    )
    number_clauses: bool = Field(
        default=True,
        description="Whether clauses get numbers (1.1) or only sections do.",
    )
    blocks: list[Block] = Field(
        default_factory=lambda: [
            "title", "front_sheet", "version_history", "contents", "sections", "appendices", "closing",
        ],
        description="Which blocks appear, in order.",
    )
    colours: Colours = Field(default_factory=Colours)
    font: str = Field(default="Arial", description="Font family name; a sans-serif fallback always follows.")
    date_format: Literal["long", "ordinal", "numeric"] = Field(
        default="long", description="long: 9 March 2021; ordinal: 9th March 2021; numeric: 09/03/2021."
    )
    logo_text: str | None = Field(default=None, description="Text shown in place of a logo at the top.")
    logo: Picture | None = Field(default=None, description="The organisation's logo, on the title block and in the running header.")
    word_template: str | None = Field(
        default=None,
        description=(
            "The organisation's own Word template (.dotx) or document (.docx), a path inside its folder, e.g. "
            "word/house-style.dotx: the DOCX is built on it and takes its styles, fonts, page setup, header and "
            "footer; its body text is left out. Never a URL; no macros."
        ),
    )
    controlled_document_title: str | None = None
    controlled_document: str | None = Field(
        default=None, description="The controlled-document statement in the organisation's own words."
    )
    printed_copy_statement: str | None = Field(
        default=None,
        description="Short controlled-document words for the printed footer ('uncontrolled when printed'), as the organisation words them.",
    )
    footer: str | None = Field(default=None, description="Footer text, e.g. a copyright line.")
    front_sheet: list[LabelledField] = Field(
        default_factory=lambda: _labelled(
            ("Reference", "document_control.reference"), ("Version", "document_control.version"),
            ("Author", "document_control.author"), ("Approved by", "document_control.approved.body"),
            ("Date approved", "document_control.approved.date"), ("Next review date", "review.next_review"),
        ),
        description="Rows of the document control table, in the organisation's order (default: reference, version, author, approval and next review date).",
    )
    front_sheet_empty_rows: Literal["show", "hide"] = Field(
        default="show",
        description="show: a row whose field a policy leaves out prints blank, as on a paper form; hide: it is left out.",
    )
    version_history: list[LabelledField] = Field(
        default_factory=lambda: _labelled(
            ("Version", "version"), ("Date", "date"), ("Author", "author"),
            ("Section changed", "sections"), ("Description of amendment", "description"),
        ),
        description="Columns of the version control sheet: label and history-row field.",
    )
    version_history_title: str = "Version control sheet"
    contents_title: str = "Contents"
    contents_depth: int = Field(default=2, ge=1, le=3, description="Heading levels listed in the contents.")
    contents_note: str | None = Field(default=None, description="A line shown under the contents heading.")
    heading_prefix: str | None = Field(
        default=None, description="Text before the title on the title block, e.g. the organisation name."
    )
    end_marker: str | None = Field(default=None, description="Text that closes the document, e.g. END.")


VersionNumbers = Literal["major-minor", "whole", "semantic"]


class StaleTerm(Strict):
    """A term that must not appear in a policy dated on or after ``since``."""

    term: str
    since: PolicyDate
    use_instead: str | None = None


DocumentControlField = Literal[
    "reference", "version", "author", "reviewers", "owner", "director_responsible", "approved", "ratified",
    "authorised", "consultation", "issued", "effective", "last_review", "target_audience", "applies_to",
    "distribution", "supersedes", "keywords",
]


class Requires(Strict):
    """What this organisation requires of each policy: a requirement not met is a warning.

    The defaults are what NHS bodies are held to; a body that does not keep an EIA or review
    dates switches them off here rather than live with warnings that mean nothing to it.
    """

    eia: bool = Field(default=True, description="Warn about a policy with no Equality Impact Assessment.")
    review_date: bool = Field(
        default=True, description="Warn about a policy with no next review date, recorded or derivable from its review rule."
    )
    document_control: list[DocumentControlField] = Field(
        default_factory=list,
        description="Document control fields every policy must record, e.g. [reference, version, ratified]; one missing is a warning.",
    )


class Organisation(Strict):
    """organisations/<id>/organisation.yaml."""

    id: Slug
    name: str = Field(description="Full legal name.")
    short_name: str = Field(description="Short name, e.g. LCHS.")
    referred_to_as: str = Field(description="How the text refers to it: 'the trust', 'CPSS', 'focus'.")
    type: OrgType
    on_behalf_of: str | None = Field(default=None, description="Bodies the organisation acts for.")
    model: bool = Field(
        default=False,
        description="A model body: its policies are models other organisations adopt, and their text may use {param:KEY}.",
    )
    roles: dict[Slug, Role] = Field(default_factory=dict, description="Role register: key → role.")
    stale_terms: list[StaleTerm] = Field(
        default_factory=list, description="Terms that went out of date on a date (e.g. CCG after 1 July 2022)."
    )
    version_numbers: VersionNumbers = Field(
        default="major-minor",
        description=(
            "How versions are numbered. major-minor: drafts 0.1, 0.2…, approved 1.0, 2.0, minor 1.1; "
            "whole: 1, 2, 3; semantic: 2.1.2. `policygen review` bumps and the lint checks by this rule."
        ),
    )
    requires: Requires = Field(default_factory=Requires, description="What every policy must record; NHS defaults.")
    style: Style = Field(default_factory=Style)
