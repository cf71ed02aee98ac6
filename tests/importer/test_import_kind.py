"""`policygen import`: every imported policy ends with a kind or says why not, and the report
names the file as the user typed it."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
import yaml

from projects import empty_project  # noqa: F401  (the fixture)
from policygen import write
from policygen.cli import main
from policygen.importer.kinds import from_title

KINDS = ["social-media", "information-governance", "safeguarding", "health-and-safety", "complaints", "records-management", "hr"]




def _policy(folder: Path, name: str, title: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"# {title}\n\n## Purpose\n\nThis policy says what staff do.\n", encoding="utf-8")
    return path


def _import(root: Path, capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["--root", str(root), "import", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("title, kind", [
    ("Safeguarding Adults and Children Policy", "safeguarding"),
    ("Information Governance Policy", "information-governance"),
    ("Health & Safety at Work", "health-and-safety"),
    ("Complaint Handling Procedure", "complaints"),
    ("Health Records Retention Policy", "records-management"),
    ("Human Resources Policy", "hr"),
    ("Social Media and Information Governance Policy", None),  # two kinds: not confident
    ("People Policy", None),
    ("Data Protection Policy", None),  # a kind this vocabulary does not hold
])
def test_the_kind_a_title_names(title, kind):
    assert from_title(title, KINDS) == kind


def test_kind_from_the_option_the_id_then_the_title(empty_project, tmp_path, capsys):
    source = _policy(tmp_path / "in", "people.md", "People Policy")
    code, out, _ = _import(empty_project, capsys, str(source), "--org", "acme", "--kind", "hr")
    assert code == 0
    assert "people.md: kind: hr (from --kind; --kind to choose another)" in out
    assert yaml.safe_load((empty_project / "organisations/acme/people-policy.yaml").read_text(encoding="utf-8"))["kind"] == "hr"

    source = _policy(tmp_path / "in", "sg.md", "Safeguarding Adults Policy")
    code, out, _ = _import(empty_project, capsys, str(source), "--org", "acme")
    assert code == 0 and "sg.md: kind: safeguarding (from its id;" in out  # safeguarding-adults-policy

    source = _policy(tmp_path / "in", "adults.md", "Adult Safeguarding Policy")
    code, out, _ = _import(empty_project, capsys, str(source), "--org", "acme", "--id", "adults")
    assert code == 0 and "adults.md: kind: safeguarding (from its title;" in out
    assert yaml.safe_load((empty_project / "organisations/acme/adults.yaml").read_text(encoding="utf-8"))["kind"] == "safeguarding"


def test_no_kind_is_a_check_in_the_report_and_the_yaml(empty_project, tmp_path, capsys):
    source = _policy(tmp_path / "in", "people.md", "People Policy")
    code, out, err = _import(empty_project, capsys, str(source), "--org", "acme")
    assert code == 1  # written, and validation says why it is not finished: comparisons need a kind
    assert "people-policy.yaml:1: kind: declares no kind and its id 'people-policy' names none" in out + err
    assert f"{source}: no kind: neither its id nor its title names one; import again with --kind, or add `kind:` (one of " in out
    text = (empty_project / "organisations/acme/people-policy.yaml").read_text(encoding="utf-8")
    assert "# import: check — people.md: no kind: neither its id nor its title names one" in text
    assert "kind" not in yaml.safe_load(text)


def test_a_kind_not_in_the_vocabulary_is_refused_before_anything_is_read(empty_project, tmp_path, capsys):
    source = _policy(tmp_path / "in", "people.md", "People Policy")
    code, out, err = _import(empty_project, capsys, str(source), "--org", "acme", "--kind", "hrr")
    assert code == 2 and not out
    assert err.startswith("policygen import: --kind: no kind 'hrr' in vocabulary/topics.yaml (did you mean 'hr'?); choose from ")
    assert len(err.splitlines()) == 1
    assert not any((empty_project / "organisations").iterdir())


def test_the_report_names_the_file_as_typed_and_the_yaml_by_its_name(empty_project, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _policy(tmp_path / "drafts" / "2024", "people.md", "People Policy")
    code, out, _ = _import(empty_project, capsys, "drafts/2024/people.md", "--org", "acme", "--kind", "hr")
    assert code == 0
    report = [line for line in out.splitlines() if not line.startswith(("wrote ", "organisations/"))]
    assert report and all(line.startswith("drafts/2024/people.md: ") for line in report), report
    text = (empty_project / "organisations/acme/people-policy.yaml").read_text(encoding="utf-8")
    assert "Imported from people.md by" in text and "drafts" not in text

    (tmp_path / "drafts" / "empty.md").write_text("", encoding="utf-8")
    code, _, err = _import(empty_project, capsys, "drafts/empty.md", "--org", "acme")
    assert (code, err) == (1, "drafts/empty.md: has no text; nothing was written\n")


def test_a_policy_that_cannot_be_written_takes_its_starter_organisation_with_it(empty_project, tmp_path, capsys, monkeypatch):
    source = _policy(tmp_path / "in", "people.md", "People Policy")
    # a folder where the policy's file goes: the policy cannot be put in place
    (empty_project / "organisations/acme/people-policy.yaml").mkdir(parents=True)
    code, out, err = _import(empty_project, capsys, str(source), "--org", "acme", "--kind", "hr", "--force")
    assert code == 1 and "wrote" not in out
    assert err == ("policygen import: cannot write organisations/acme/people-policy.yaml (a folder of that name is in the way); "
                   "what was there before is left as it was\n")
    assert sorted(p.name for p in (empty_project / "organisations/acme").iterdir()) == ["people-policy.yaml"]

    (empty_project / "organisations/acme/people-policy.yaml").rmdir()
    (empty_project / "organisations/acme").rmdir()
    real = write.create_new

    def disk_full(path, data):
        if path.name == "people-policy.yaml":
            raise write.CannotWrite(path, OSError(errno.ENOSPC, "No space left on device"))
        return real(path, data)

    def appears(path, data):  # another import got there first
        return False if path.name == "people-policy.yaml" else real(path, data)

    for fail, said in ((disk_full, "(No space left on device)"), (appears, "already exists")):
        monkeypatch.setattr(write, "create_new", fail)
        code, out, err = _import(empty_project, capsys, str(source), "--org", "acme", "--kind", "hr")
        assert code == 1 and "wrote" not in out and said in err and len(err.splitlines()) == 1
        assert not (empty_project / "organisations/acme").exists()  # neither the starter nor its folder
