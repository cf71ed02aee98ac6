"""An adopted policy is written out in full, in its own organisation's style, in every format:
the model's words with the adopter's params and roles, its replacements, removals and
additions, numbered afresh, and a line under the title naming the model and version."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from models_project import write_models
from pdf_text import needs_poppler, pdf_text
from policygen.cli import main

ADOPTS = "Adopts Model Social Media Policy version 2.0, a model policy of Model NHS Policies"

# What each adopter's document must say, in order, as "number text"; and what it must not.
NORTHFIELD = [
    "1.1 This policy sets out how the trust uses social media.",
    "1.2 It applies to all staff of the trust.",
    "1.3 The Communications Team runs the official accounts.",
    "2.1 Staff must not share confidential information online.",
    "2.2 Concerns go to the Patient Advice and Liaison Service, who reply within 10 working days.",
    "2.3 The Communications Team reviews this policy every three years.",
]
SOUTHBAY = [
    "1.1 This policy sets out how the ICB uses social media.",
    "1.2 It applies to all staff of the ICB.",
    "1.3 The Head of Communications runs the official accounts.",
    "1.4 Managers make sure their staff have read this policy.",
    "2.1 Staff must not post anything that could identify a patient.",
    "2.2 Concerns go to the Patient Experience Team, who reply within 5 working days.",
]
SOUTHBAY_ABSENT = ["confidential information online", "reviews this policy every three years", "{param:", "[team name]"]
MODEL = "Concerns go to the [team name], who reply within [response days] working days."


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = write_models(tmp_path_factory.mktemp("models"))
    assert main(["--root", str(root), "build", "--quiet"]) == 0
    return root / "build"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _in_order(text: str, expected: list[str]) -> None:
    at = 0
    for line in expected:
        found = text.find(line, at)
        assert found >= 0, line
        at = found + len(line)


def _words(built: Path, org: str, fmt: str) -> str:
    path = built / org / f"social-media.{fmt}"
    if fmt == "pdf":
        return _flat(pdf_text(path))
    if fmt == "docx":
        document = docx.Document(str(path))
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        return _flat(" ".join([p.text for p in document.paragraphs] + cells))
    if fmt == "html":
        import re

        html = path.read_text(encoding="utf-8")
        return _flat(re.sub(r"<[^>]+>", " ", re.sub(r'<span class="num">([^<]*)</span>', r"\1", html)))
    return _flat(path.read_text(encoding="utf-8").replace("\\", ""))


FORMATS = ["html", pytest.param("pdf", marks=needs_poppler), "docx", "md"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_unchanged_adoption_is_the_model_written_out(built, fmt):
    text = _words(built, "northfield", fmt)
    assert ADOPTS in text
    assert "Northfield Social Media Policy" in text and "NCHT-SM-1" in text
    _in_order(text, NORTHFIELD)


@pytest.mark.parametrize("fmt", FORMATS)
def test_local_differences_are_applied_and_numbered(built, fmt):
    text = _words(built, "southbay", fmt)
    assert ADOPTS in text
    assert "Southbay Social Media Policy" in text and "SICB-SM-1" in text
    _in_order(text, SOUTHBAY)
    for words in SOUTHBAY_ABSENT:
        assert words not in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_model_prints_its_params_as_placeholders(built, fmt):
    text = _words(built, "model-nhs", fmt)
    assert MODEL in text
    assert "Adopts" not in text and "{param:" not in text


def test_rebuild_is_byte_identical(built, tmp_path):
    root = built.parent
    first = {p: p.read_bytes() for p in sorted((built / "southbay").rglob("*")) if p.is_file()}
    assert main(["--root", str(root), "build", "--force", "--quiet"]) == 0
    assert {p: p.read_bytes() for p in first} == first


def test_model_change_rebuilds_its_adopters(built):
    """The adopter's output is made from the model's file too, so the build cache knows it."""
    root = built.parent
    model = root / "organisations" / "model-nhs" / "social-media.yaml"
    original = model.read_text(encoding="utf-8")
    model.write_text(original.replace("runs the official accounts", "runs every official account"), encoding="utf-8")
    try:
        assert main(["--root", str(root), "build", "-f", "md", "--quiet"]) == 0
        assert "The Head of Communications runs every official account." in (built / "southbay" / "social-media.md").read_text(encoding="utf-8")
    finally:
        model.write_text(original, encoding="utf-8")
        assert main(["--root", str(root), "build", "--quiet"]) == 0
