"""The Equality Impact Assessment as every format lays it out: parts tagged, questions numbered, answers worded.

Resolved once here, as sections and clauses are, so the HTML, DOCX and
Markdown cannot number a question or word an answer differently: each only
lays out what it is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from policygen.model.eia import EIA, AssessorsPart, ChoicePart, FieldsPart, GridPart, HeadingPart, Question, QuestionsPart, TextPart
from policygen.resolve.values import answer_text

_KINDS = {FieldsPart: "fields", AssessorsPart: "assessors", GridPart: "grid", QuestionsPart: "questions",
          ChoicePart: "choice", HeadingPart: "heading", TextPart: "text"}


@dataclass(frozen=True)
class QuestionRow:
    number: str  # "1." for a question, "" for each of its sub-questions
    question: str  # Markdown
    answer: str  # as it reads: "Yes", "No", "N/A"
    comment: str  # Markdown, "" when there is none


@dataclass(frozen=True)
class EIAPart:
    kind: str  # fields, assessors, grid, questions, choice, heading or text
    form: Any  # the part as the data gives it (labels, rows, options)
    rows: tuple[QuestionRow, ...] = ()  # questions only


@dataclass(frozen=True)
class EIAView:
    title: str | None
    subtitle: str | None
    heading_step: int  # a heading inside the form sits one level below the form's own title, if it has one
    parts: tuple[EIAPart, ...]


def _row(number: str, q: Question) -> QuestionRow:
    return QuestionRow(number, q.question, answer_text(q.answer), q.comment or "")


def _rows(part: QuestionsPart) -> tuple[QuestionRow, ...]:
    rows: list[QuestionRow] = []
    for n, q in enumerate(part.questions.questions, start=1):
        rows.append(_row(f"{n}.", q))
        rows.extend(_row("", s) for s in q.questions)
    return tuple(rows)


def resolve_eia(eia: EIA | None) -> EIAView | None:
    if eia is None:
        return None
    parts = tuple(EIAPart(_KINDS[type(p)], p, _rows(p) if isinstance(p, QuestionsPart) else ()) for p in eia.parts)
    return EIAView(eia.title, eia.subtitle, 1 if eia.title else 0, parts)
