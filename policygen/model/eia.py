"""The Equality Impact Assessment, in both forms the seeds use.

A screening grid (characteristic × positive / neutral / negative, with
evidence) and a list of yes/no questions with comments; each row names the
protected characteristic it covers so coverage of all nine can be checked
whatever wording the organisation uses.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from policygen.model.base import Markdown, Note, PolicyDate, Strict, keyed_union

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


class FieldsPart(Strict):
    fields: list[FormField] = Field(description="Labelled fields: activity, date, lead, aims, actions…")


class AssessorsPart(Strict):
    assessors: list[Assessor]
    title: str | None = Field(default=None, description="e.g. 'Analysis undertaken by:'.")


class GridPart(Strict):
    grid: Grid


class QuestionsPart(Strict):
    questions: QuestionSet


class ChoicePart(Strict):
    choice: Choice


class HeadingPart(Strict):
    heading: str = Field(description="A heading inside the form, e.g. 'Action Plan'.")


class TextPart(Strict):
    text: Markdown = Field(description="An instruction or statement printed with the form.")


_PART_KEYS = ["fields", "assessors", "grid", "questions", "choice", "heading", "text"]
PART_TAGS = frozenset(f"part-{key}" for key in _PART_KEYS)

Part = keyed_union(
    [(key, f"part-{key}") for key in _PART_KEYS],
    {
        "part-fields": FieldsPart, "part-assessors": AssessorsPart, "part-grid": GridPart,
        "part-questions": QuestionsPart, "part-choice": ChoicePart, "part-heading": HeadingPart, "part-text": TextPart,
    },
    default="part-text",
)


class EIA(Strict):
    """The assessment as its form lays it out: a title, then its parts in the form's order."""

    title: str | None = Field(
        default=None, description="The form's own title; omit when the section holding it already names it."
    )
    subtitle: str | None = None
    completed_on: PolicyDate | None = None
    parts: list[Part] = Field(description="The form's parts in its order: fields, assessors, grid, questions, choice, heading, text.")
    note: Note

    def characteristics(self) -> set[str]:
        """The protected characteristics the grid rows and questions cover."""
        covered: set[str] = set()
        stack: list[Question] = []
        for part in self.parts:
            if isinstance(part, GridPart):
                covered |= {row.characteristic for row in part.grid.rows if row.characteristic}
            elif isinstance(part, QuestionsPart):
                stack.extend(part.questions.questions)
        while stack:
            q = stack.pop()
            if q.characteristic:
                covered.add(q.characteristic)
            stack.extend(q.questions)
        return covered


Question.model_rebuild()
