"""build/search.sqlite: kept up to date incrementally by the build and by search, never left half-written."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from conftest import copy_project
from library import write_library
from policygen.cli import main
from policygen.load.document import Loader
from policygen.project import Project
from policygen.search.refresh import index_documents, index_path, refresh
from policygen.search.store import SearchIndex
from policygen.validate.checked import load_and_check
from policygen.write import CannotWrite


@pytest.fixture
def library(tmp_path) -> Path:
    return write_library(copy_project(tmp_path))


def generations(root: Path) -> dict[str, int]:
    with SearchIndex.open(index_path(Project(root))) as index:
        return index.generations()


def rows(root: Path, policy: str) -> list[str]:
    with SearchIndex.open(index_path(Project(root))) as index:
        return [t for (t,) in index.db.execute("SELECT text FROM clauses WHERE policy_id = ? ORDER BY ord", (policy,))]


def edit(root: Path, policy: str, old: str, new: str) -> None:
    path = root / "organisations" / f"{policy}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_build_indexes_every_policy_and_a_rebuild_only_the_one_edited(library, capsys):
    assert main(["--root", str(library), "build", "-f", "md", "--quiet"]) == 0
    first = generations(library)
    assert set(first.values()) == {1} and "northfield/safeguarding-adults" in first and "lchs/social-media" in first
    assert main(["--root", str(library), "build", "-f", "md", "--quiet"]) == 0
    assert generations(library) == first  # nothing changed: nothing indexed again
    edit(library, "westmoor/health-and-safety", "every year", "every six months")
    assert main(["--root", str(library), "build", "-f", "md", "--quiet"]) == 0
    after = generations(library)
    assert {k for k, v in after.items() if v != first[k]} == {"westmoor/health-and-safety"}
    assert any("every six months" in t for t in rows(library, "westmoor/health-and-safety"))
    capsys.readouterr()
    assert main(["--root", str(library), "search", "six", "months"]) == 0  # search finds it fresh: no work
    assert generations(library) == after


def test_search_indexes_before_any_build_and_after_an_edit_only_that_policy(library, capsys):
    assert not (library / "build").exists()
    assert main(["--root", str(library), "search", "induction"]) == 0
    first = generations(library)
    edit(library, "northfield/organisation", "Senior Information Risk Owner", "Senior Information Risk Officer")
    assert main(["--root", str(library), "search", "risk", "officer"]) == 0
    assert "northfield/information-governance 3.2" in capsys.readouterr().out
    changed = {k for k, v in generations(library).items() if v != first[k]}
    assert changed == {"northfield/information-governance", "northfield/safeguarding-adults"}  # the organisation's file


def test_a_removed_policy_leaves_the_index(library, capsys):
    assert main(["--root", str(library), "search", "controls", "--org", "westmoor"]) == 0
    (library / "organisations" / "westmoor" / "health-and-safety.yaml").unlink()
    assert main(["--root", str(library), "search", "controls", "--org", "westmoor"]) == 1
    assert "westmoor/health-and-safety" not in generations(library)
    assert rows(library, "westmoor/health-and-safety") == []


def test_a_policy_with_errors_keeps_its_last_rows_and_is_said_to(library, capsys):
    assert main(["--root", str(library), "search", "induction"]) == 0
    before = rows(library, "westmoor/safeguarding-adults")
    edit(library, "westmoor/safeguarding-adults", "sections:", "sectons:")
    capsys.readouterr()
    assert main(["--root", str(library), "search", "induction"]) == 0
    err = capsys.readouterr().err
    assert err == ("policygen search: westmoor/safeguarding-adults has errors, so its clauses were not indexed again "
                   "(`policygen validate` explains)\n")
    assert rows(library, "westmoor/safeguarding-adults") == before


def test_an_index_of_another_schema_or_not_an_index_is_rebuilt(library, capsys):
    path = index_path(Project(library))
    assert main(["--root", str(library), "search", "induction"]) == 0
    expected = capsys.readouterr().out
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    assert main(["--root", str(library), "search", "induction"]) == 0
    assert capsys.readouterr().out == expected
    path.write_bytes(b"not a database at all, " * 100)
    assert main(["--root", str(library), "search", "induction"]) == 0
    assert capsys.readouterr().out == expected


def test_a_failure_while_indexing_leaves_the_index_as_it_was(library, monkeypatch, capsys):
    assert main(["--root", str(library), "search", "induction"]) == 0
    before = generations(library), rows(library, "westmoor/safeguarding-adults"), rows(library, "westmoor/health-and-safety")
    edit(library, "westmoor/organisation", "Service Managers", "Heads of Service")
    calls = []

    def failing(self, key, rows_):
        calls.append(key)
        if len(calls) == 2:  # the first policy is in, the second fails
            raise OSError("disk full")
        return real(self, key, rows_)

    real = SearchIndex._insert
    monkeypatch.setattr(SearchIndex, "_insert", failing)
    with pytest.raises(CannotWrite):  # the command says "cannot write build/search.sqlite (disk full)"
        refresh(Project(library))
    monkeypatch.undo()
    assert (generations(library), rows(library, "westmoor/safeguarding-adults"), rows(library, "westmoor/health-and-safety")) == before
    refresh(Project(library))
    assert any("Heads of Service" in t for t in rows(library, "westmoor/health-and-safety"))


def test_documents_loaded_elsewhere_are_indexed_as_given(library, tmp_path):
    """The hook for a library as it stood on a date: the index holds exactly the documents passed."""
    project = Project(library)
    docs = [d for d in load_and_check(project, ["northfield", "westmoor"]).documents]
    path = tmp_path / "as-at.sqlite"
    update = index_documents(path, docs, Loader(project).vocabulary())
    assert update.indexed == sorted(str(d.target) for d in docs)
    again = index_documents(path, docs[:1], Loader(project).vocabulary())
    assert (again.indexed, again.removed) == ([], sorted(str(d.target) for d in docs[1:]))


def test_without_fts5_search_says_why_and_the_build_goes_on_without_it(library, monkeypatch, capsys):
    import policygen.search.store as store

    monkeypatch.setattr(store, "_SCHEMA", store._SCHEMA.replace("USING fts5(body", "USING fts5_missing(body"))
    assert main(["--root", str(library), "search", "induction"]) == 1
    err = capsys.readouterr().err
    assert re.fullmatch(r"policygen search: this Python's SQLite \([\d.]+\) has no FTS5, which search needs\n", err)
    assert main(["--root", str(library), "build", "-f", "md", "--quiet", "--jobs", "1"]) == 0
    assert (library / "build" / "index.html").is_file() and not (library / "build" / "search.sqlite").exists()
    assert list((library / "build").glob("search.sqlite*")) == []
