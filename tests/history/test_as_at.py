"""policygen build --as-at: each policy as it stood on a date, in every format, by effective dates."""

from __future__ import annotations

import subprocess

import docx

from history_repo import FILE, acme_history, commit, git  # noqa: F401  (acme_history: the fixture)
from pdf_text import pdf_text
from policygen.cli import main

OUT = "build/as-at/{day}/acme/social-media.{ext}"


def _build(root, day: str, *more: str) -> int:
    return main(["--root", str(root), "build", "--as-at", day, *more])


def _docx_text(path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_before_the_new_version_takes_effect_the_old_one_is_built_with_its_correction(acme_history, capsys):
    assert _build(acme_history, "2025-02-01") == 0  # 2.0 approved on 10 January, in force from 1 March
    statement = "As it stood on 1 February 2025: version 1.0, in force from 1 February 2024 to 1 March 2025"
    out = {ext: acme_history / OUT.format(day="2025-02-01", ext=ext) for ext in ("html", "pdf", "docx", "md")}
    texts = {"html": out["html"].read_text(), "md": out["md"].read_text(), "pdf": " ".join(pdf_text(out["pdf"]).split()),
             "docx": _docx_text(out["docx"])}
    for ext, text in texts.items():
        assert statement in text, ext
        assert "the trust's accounts" in text.replace("’", "'"), ext  # the correction made on 5 March 2024
        assert "DRAFT WORDING" not in text and "every member of staff" not in text, ext
    assert "wrote build/as-at/2025-02-01/acme/social-media.pdf" in capsys.readouterr().out
    # the normal build's outputs are not touched
    assert not (acme_history / "build" / "acme").exists()


def test_the_text_on_a_date_is_the_one_published_then(acme_history):
    assert _build(acme_history, "2024-02-15", "-f", "md") == 0  # before the correction of 5 March 2024
    text = (acme_history / OUT.format(day="2024-02-15", ext="md")).read_text()
    assert "runs our accounts" in text
    assert "version 1.0, in force from 1 February 2024 to 1 March 2025" in text


def test_after_it_takes_effect_the_new_version_is_built(acme_history):
    assert _build(acme_history, "2025-03-15", "-f", "md") == 0  # the 2.1 draft of April is not in force
    text = (acme_history / OUT.format(day="2025-03-15", ext="md")).read_text()
    assert "As it stood on 15 March 2025: version 2.0, in force from 1 March 2025 (current)" in text
    assert "every member of staff" in text and "DRAFT WORDING" not in text


def test_a_policy_not_in_force_yet_is_one_line_and_not_a_failure(acme_history, capsys):
    assert _build(acme_history, "2024-01-20") == 0
    err = capsys.readouterr().err
    assert "acme/social-media: not built as at 2024-01-20: not yet in force: its first version comes into force on 2024-02-01" in err
    assert "Traceback" not in err
    assert _build(acme_history, "2023-06-01") == 0
    assert "acme/social-media: not built as at 2023-06-01: did not exist yet" in capsys.readouterr().err
    assert not (acme_history / "build" / "as-at").exists()


def test_as_at_outputs_are_byte_identical_on_rebuild(acme_history, capsys):
    assert _build(acme_history, "2025-02-01") == 0
    files = sorted((acme_history / "build" / "as-at").rglob("*.*"))
    before = {p: p.read_bytes() for p in files}
    capsys.readouterr()
    assert _build(acme_history, "2025-02-01") == 0
    assert {p: p.read_bytes() for p in files} == before
    assert "0 written, 4 unchanged" in capsys.readouterr().err


def test_a_bad_date_is_a_usage_error(acme_history, capsys):
    try:
        _build(acme_history, "2025-02-30")
    except SystemExit as exc:
        assert exc.code == 2
    err = capsys.readouterr().err
    assert "argument --as-at: '2025-02-30' is not a date: write YYYY-MM-DD" in err and "Traceback" not in err


def test_outside_git_it_is_one_line(acme_history, capsys):
    subprocess.run(["rm", "-rf", str(acme_history / ".git")], check=True)
    assert _build(acme_history, "2025-02-01") == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not inside a git repository" in err[0]


def test_a_deleted_policy_is_withdrawn(acme_history, capsys):
    (acme_history / FILE).unlink()
    commit(acme_history, "withdrawn", "2025-06-01")
    git(acme_history, "checkout", "-q", "HEAD~1", "--", FILE)  # back in the working tree, so it can be named
    assert _build(acme_history, "2025-07-01") == 0
    assert "acme/social-media: not built as at 2025-07-01: had been withdrawn on 2025-06-01" in capsys.readouterr().err
    assert _build(acme_history, "2025-05-01", "-f", "md") == 0
    assert "version 2.0, in force from 1 March 2025 withdrawn on 1 June 2025" in (acme_history / OUT.format(day="2025-05-01", ext="md")).read_text()


def test_the_layout_is_todays_and_the_data_the_commits(acme_history):
    title = acme_history / "templates/html/blocks/title.html.j2"
    title.write_text(title.read_text().replace("<h1>", '<h1 class="laid-out-today">'))  # not committed
    assert _build(acme_history, "2025-02-01", "-f", "html") == 0
    html = (acme_history / OUT.format(day="2025-02-01", ext="html")).read_text()
    assert '<h1 class="laid-out-today">' in html and "version 1.0, in force from" in html
