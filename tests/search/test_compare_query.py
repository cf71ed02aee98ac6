"""policygen compare --query: each organisation's clauses on an ad hoc topic, side by side."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from conftest import copy_project
from library import write_library
from policygen.cli import main


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    return write_library(copy_project(tmp_path_factory.mktemp("library")))


def compare(root: Path, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--root", str(root), "compare", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_table_puts_each_organisation_in_a_column_and_says_who_has_none(library, capsys):
    code, out, err = compare(library, capsys, "--query", "induction training", "--orgs", "northfield,westmoor,southbay")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Clauses matching 'induction training', best first in each organisation ([…]: the matching words)"
    assert [c.strip() for c in lines[2].split(" | ")] == ["northfield", "westmoor", "southbay"]

    def column(i: int) -> str:
        return " ".join(w for line in lines[4:] for w in (line.split("|") + [""] * 3)[i].split())

    # each clause cited by its number alone: every match is in the one policy, safeguarding-adults
    assert column(0) == "4.1: New staff complete safeguarding [training] during their [induction]."
    assert column(1) == "3.1: Service Managers make sure that new staff complete safeguarding [training] during [induction]."
    assert column(2) == "no match"


def test_csv_gives_one_row_per_clause_and_a_row_for_an_organisation_without(library, capsys):
    code, out, _ = compare(library, capsys, "safeguarding-adults", "--query", "abuse", "--orgs", "westmoor,northfield", "-f", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["organisation"], r["rank"], r["number"]) for r in rows] == [
        ("westmoor", "1", "2.1"), ("northfield", "1", "1.1"), ("northfield", "2", "3.1")]
    code, out, _ = compare(library, capsys, "information-governance", "--query", "abuse", "-f", "csv")
    assert code == 1 and out == ""


def test_markdown_is_a_table_with_a_column_each(library, capsys):
    code, out, _ = compare(library, capsys, "--query", "records", "--orgs", "southbay,northfield", "-f", "markdown")
    assert code == 0
    assert "| southbay | northfield |\n|---|---|\n" in out
    assert "| records-management 2.1: " in out  # matches in several policies: each cell names its policy


@pytest.mark.parametrize("args, message", [
    (["--query", "x", "-f", "html"], "policygen compare: --query prints table, markdown, csv, not html\n"),
    (["--query", "-"], "policygen compare: --query: nothing to search for in '-': give at least one word\n"),
    (["--query", "abuse", "--topic", "scope"], "policygen compare: --query cannot be combined with --topic, --show or --accept-suggestions\n"),
    (["--query", "abuse", "--orgs", "westmor"], "policygen compare: no organisation 'westmor' under organisations/ (did you mean 'westmoor'?)\n"),
    (["safegarding-adults", "--query", "abuse"], "policygen compare: no organisation has a policy 'safegarding-adults' (did you mean 'safeguarding-adults'?)\n"),
])
def test_wrong_usage_is_one_line_exit_2(library, capsys, args, message):
    assert compare(library, capsys, *args) == (2, "", message)


def test_no_match_anywhere_exits_1_with_near_words(library, capsys):
    code, out, err = compare(library, capsys, "--query", "safegaurding")
    assert (code, out) == (1, "")
    assert err.startswith("policygen compare: no clause matches 'safegaurding' (did you mean: safeguarding")
