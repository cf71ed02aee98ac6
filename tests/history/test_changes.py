"""policygen changes --since: the new versions of a period, newest first, with working redlines."""

from __future__ import annotations

import json
import subprocess
import zipfile

import pytest

from history_repo import acme_history, library  # noqa: F401  (the fixtures)
from policygen.cli import main

REDLINE = "build/acme/social-media.redline.v1.0-v2.0"


def _changes(root, *args: str) -> int:
    return main(["--root", str(root), "changes", *args])


def test_lists_the_version_approved_and_in_force_in_the_period_with_its_redline(acme_history, capsys):
    assert _changes(acme_history, "--since", "2025-01-01", "--until", "2025-12-31", "--format", "json") == 0
    rows = json.loads(capsys.readouterr().out)["versions"]
    assert [(r["policy"], r["from_version"], r["to_version"]) for r in rows] == [("social-media", "1.0", "2.0")]
    row = rows[0]
    assert (row["approved"], row["approved_by"], row["effective"], row["state"]) == ("2025-01-10", "Trust Board", "2025-03-01", "current")
    assert row["summary"] == "Scope widened (2.1 reworded)"
    assert row["redlines"] == [f"{REDLINE}.html", f"{REDLINE}.docx", "build/acme/social-media.changes.v1.0-v2.0.html"]
    html = (acme_history / f"{REDLINE}.html").read_text()
    assert "every member of staff" in html and "the trust's accounts" in html.replace("&#39;", "'")  # from the corrected 1.0
    with zipfile.ZipFile(acme_history / f"{REDLINE}.docx") as z:
        assert "<w:ins " in z.read("word/document.xml").decode()


def test_a_version_approved_in_the_period_but_in_force_later_is_listed_as_approved(acme_history, capsys):
    assert _changes(acme_history, "--since", "2025-01-01", "--until", "2025-02-01", "--no-redline") == 0
    out = capsys.readouterr().out
    assert "acme/social-media  1.0 → 2.0  approved, in force from 2025-03-01; approved 2025-01-10 by Trust Board" in out
    assert not (acme_history / "build").exists()


def test_drafts_and_corrections_are_not_new_versions(acme_history, capsys):
    assert _changes(acme_history, "--since", "2024-03-01", "--until", "2024-12-31") == 0
    assert capsys.readouterr().out.startswith("0 new version(s) from 2024-03-01 to 2024-12-31")


def test_markdown_is_the_committee_paper(acme_history, capsys):
    assert _changes(acme_history, "--since", "2024-01-01", "--until", "2025-12-31", "--format", "markdown") == 0
    paper = capsys.readouterr().out
    assert paper.startswith("# Policy changes from 1 January 2024 to 31 December 2025\n")
    assert paper.index("| Version | 1.0 → 2.0 |") < paper.index("| Version | new policy, 1.0 |")  # newest first
    assert "| Approved | 10 January 2025 by Trust Board |" in paper
    assert "| Status | in force from 1 March 2025 (current) |" in paper
    assert "| Status | in force from 1 February 2024 to 1 March 2025 |" in paper
    assert f"[Word, tracked changes](<{REDLINE}.docx>)" in paper


def test_redlines_are_byte_identical_on_rerun_and_never_replace_another_file(acme_history, capsys):
    args = ("--since", "2025-01-01", "--until", "2025-12-31")
    assert _changes(acme_history, *args) == 0
    first = (acme_history / f"{REDLINE}.docx").read_bytes()
    assert _changes(acme_history, *args) == 0
    assert (acme_history / f"{REDLINE}.docx").read_bytes() == first
    (acme_history / f"{REDLINE}.html").write_text("the committee's own notes")
    capsys.readouterr()
    assert _changes(acme_history, *args) == 0
    err = capsys.readouterr().err
    assert f"acme/social-media: version 2.0: no redline: {REDLINE}.html exists and was not made by this comparison" in err
    assert (acme_history / f"{REDLINE}.html").read_text() == "the committee's own notes"


def test_only_the_organisation_asked_for_and_only_new_versions(library, capsys):
    assert _changes(library, "--since", "2025-03-01", "--until", "2025-12-31", "--format", "json") == 0
    rows = json.loads(capsys.readouterr().out)["versions"]
    assert [(r["organisation"], r["policy"], r["to_version"]) for r in rows] == [("northfield", "information-governance", "2.0")]
    assert _changes(library, "--since", "2025-01-01", "--until", "2025-12-31", "--org", "southbay", "--format", "json") == 0
    rows = json.loads(capsys.readouterr().out)["versions"]
    assert sorted(r["policy"] for r in rows) == ["information-governance", "records"]  # the renamed one once
    assert all(r["from_version"] is None and r["redlines"] == [] for r in rows)


@pytest.mark.parametrize("args, message", [
    (("--since", "2025-13-01"), "argument --since: '2025-13-01' is not a date: write YYYY-MM-DD"),
    (("--since", "2025-06-01", "--until", "2025-01-01"), "policygen changes: --until 2025-01-01 is before --since 2025-06-01"),
])
def test_bad_dates_are_one_line_usage_errors(acme_history, capsys, args, message):
    try:
        code = _changes(acme_history, *args)
    except SystemExit as exc:
        code = exc.code
    assert code == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_outside_git_it_is_one_line(acme_history, capsys):
    subprocess.run(["rm", "-rf", str(acme_history / ".git")], check=True)
    assert _changes(acme_history, "--since", "2025-01-01") == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not inside a git repository" in err[0]


def test_the_paper_prints_a_change_summary_as_words_never_markup(acme_history, capsys):
    from history_repo import commit, review

    review(acme_history, "acme/social-media", "--version", "3.0", "--date", "2025-05-01", "--approved-by", "Board | <b>x</b>",
           "--description", "See [this](javascript:alert(1)) and <script>alert(1)</script> *now*")
    commit(acme_history, "3.0", "2025-05-01")
    capsys.readouterr()
    assert _changes(acme_history, "--since", "2025-05-01", "--until", "2025-05-31", "--format", "markdown", "--no-redline") == 0
    paper = capsys.readouterr().out
    assert r"| What changed | See \[this\](javascript:alert(1)) and \<script\>alert(1)\</script\> \*now\* |" in paper
    assert r"by Board \| \<b\>x\</b\> |" in paper
