"""The Equality Impact Assessment, in both forms the seeds use.

A screening grid (characteristic × positive / neutral / negative, with
evidence) and a list of yes/no questions with comments; each row names the
protected characteristic it covers so coverage of all nine can be checked
whatever wording the organisation uses.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from policygen.model.base import Markdown, Note, PolicyDate, Strict

Characteristic = Literal[
    "age", "disability", "gender-reassignment", "marriage-civil-partnership",
    "pregnancy-maternity", "race", "religion-belief", "sex", "sexual-orientation",
]

PROTECTED_CHARACTERISTICS: tuple[str, ...] = Characteristic.__args__  # type: ignore[attr-defined]


class Assessor(Strict):
    name: str
    job_role: str | None = None
    department: str | None = None


class GridRow(Strict):
    characteristic: Characteristic | None = Field(
        default=None, description="The protected characteristic; omit for additional groups (carers, …)."
    )
    label: str = Field(description="The group as the form names it.")
    impact: Literal["positive", "neutral", "negative"] | None = None
    evidence: Markdown | None = None


class Grid(Strict):
    title: str | None = None
    group_label: str = "Equality group"
    positive_label: str = "Positive impact"
    neutral_label: str = "Neutral impact"
    negative_label: str = "Negative impact"
    evidence_label: str = "Evidence"
    rows: list[GridRow]


class Question(Strict):
    question: Markdown
    characteristic: Characteristic | None = None
    answer: Literal["yes", "no", "na"] | None = None
    comment: Markdown | None = None
    questions: list["Question"] = Field(default_factory=list, description="Sub-questions (e.g. per characteristic).")


class QuestionSet(Strict):
    question_label: str = "Question"
    answer_label: str = "Yes/No/NA"
    comment_label: str = "Comments"
    questions: list[Question]


class FormField(Strict):
    """A labelled field of the form, answered or left blank as in the source."""

    label: Markdown
    value: Markdown | None = None


class Choice(Strict):
    """A question answered by ticking one of several options (e.g. High / Medium / Low)."""

    question: Markdown
    options: list[str]
    chosen: str | None = None


class EIA(Strict):
    title: str | None = Field(
        default=None, description="The form's own title; omit when the section holding it already names it."
    )
    subtitle: str | None = None
    details: list[FormField] = Field(default_factory=list, description="Activity, date completed, lead, aims…")
    assessors_title: str | None = None
    assessors: list[Assessor] = Field(default_factory=list)
    completed_on: PolicyDate | None = None
    grid: Grid | None = None
    questions: QuestionSet | None = None
    choices: list[Choice] = Field(default_factory=list)
    follow_up: list[FormField] = Field(default_factory=list, description="Questions after the grid.")
    notes: list[Markdown] = Field(default_factory=list, description="Statements printed with the form.")
    note: Note


Question.model_rebuild()
