"""policygen compare knows models: an adopter's clauses are "as model", "local variation" or "local
only" (read from its drift), the model is a column labelled "Model: <body>", and a policy that adopts
no model is shown as before."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from models_project import write_with_local
from policygen.cli import main


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    return write_with_local(tmp_path_factory.mktemp("compare-models"))


def _compare(root: Path, capsys, *args: str) -> str:
    assert main(["--root", str(root), "compare", "social-media", "--no-page", *args]) == 0
    return capsys.readouterr().out


def test_csv_matrix_marks_each_adopters_clause(root, capsys):
    rows = {r["topic_id"]: r for r in csv.DictReader(io.StringIO(_compare(root, capsys, "-f", "csv")))}
    purpose = rows["purpose"]
    assert purpose["model-nhs"] == "1.1; 2.1"  # the model's own clauses carry no provenance
    assert purpose["northfield"] == "1.1 (as model); 2.1 (as model)"
    assert purpose["southbay"] == "1.1 (as model); 2.1 (local variation)"  # personal: replaced
    assert rows["scope"]["southbay"] == "1.2 (as model)"  # replaced with the model's own words
    assert rows["responsibilities"]["southbay"] == "1.3 (as model); 1.4 (local only)"  # managers: added
    assert rows["review"]["southbay"] == ""  # removed: a gap
    assert rows["scope"]["eastvale"] == "1.1" and rows["review"]["eastvale"] == "1.2"  # adopts nothing


def test_terminal_table_labels_the_model_column(root, capsys):
    out = _compare(root, capsys, "--show", "matrix")
    header = next(line for line in out.splitlines() if line.startswith("Topic"))
    assert [c.strip() for c in header.split("|")] == ["Topic", "Eastvale", "Model: MNP", "NCHT", "Southbay ICB", "Covered"]
    assert "2.1 (local variation)" in out and "1.4 (local only)" in out


def test_markdown_clauses_carry_provenance(root, capsys):
    out = _compare(root, capsys, "-f", "markdown", "--show", "matrix,clauses", "--topic", "purpose")
    assert "Model: Model NHS Policies (Model: MNP)" in out
    assert "| Purpose and objectives | **gap** | 1.1; 2.1 | 1.1 (as model); 2.1 (as model) | 1.1 (as model); 2.1 (local variation) |" in out
    assert "**2.1 (local variation)**" in out
    assert "Staff must not post anything that could identify a patient." in out


def test_page_shows_provenance_in_words_in_matrix_and_cards(root, capsys):
    assert main(["--root", str(root), "compare", "social-media", "--show", "matrix"]) == 0
    capsys.readouterr()
    page = (root / "build" / "compare" / "social-media.html").read_text(encoding="utf-8")
    assert '<abbr title="Model: Model NHS Policies">Model: MNP</abbr>' in page
    assert '<li>Model: <a href="../model-nhs/social-media.html">Model NHS Policies</a>' in page
    assert "Adopts the model model-nhs/social-media, version 2.0." in page
    assert "<strong>local variation</strong> (the model's clause in its own words)" in page
    # each Southbay clause on purpose: once in the matrix, once on its card
    assert page.count('<span class="visually-hidden">Southbay ICB </span>2.1</a> <span class="provenance">(local variation)</span>') == 2
    assert page.count('<span class="visually-hidden">Southbay ICB </span>1.4</a> <span class="provenance">(local only)</span>') == 2
    assert '<span class="visually-hidden">Eastvale </span>1.1</a></li>' in page  # no provenance for a local policy


def test_page_has_no_axe_violations_on_desktop_or_phone(root, capsys):
    from browser import Browser, axe_source, find_chromium

    chromium = find_chromium()
    if chromium is None:
        pytest.skip("Chromium is not installed (apt-get install chromium): the page cannot be checked in a real browser")
    assert main(["--root", str(root), "compare", "social-media", "--show", "matrix"]) == 0
    capsys.readouterr()
    url = (root / "build" / "compare" / "social-media.html").as_uri()
    found = {}
    with Browser(chromium) as browser:
        for width in (1280, 320):
            browser.open(url, width=width)
            browser.evaluate(axe_source())
            found[width] = json.loads(browser.evaluate(
                "axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify(r.violations.map(v => v.id)))",
                await_promise=True))
    assert found == {1280: [], 320: []}
