"""policygen adopt ORG/POLICY --to VERSION: an adopter moved to its model's new version, clean changes
followed, conflicts kept with a comment, every local change and comment kept, a redline written."""

from __future__ import annotations

import re
import shutil
import zipfile

import pytest

from history.history_repo import commit, edit
from test_adoption_render import FORMATS, _words
from updates_repo import COMMENTED, CONCERNS_2, MODEL_FILE, PERSONAL_2, ACCESSIBLE, updates_repo  # noqa: F401
from policygen.cli import main

SOUTHBAY, NORTHFIELD = "organisations/southbay/social-media.yaml", "organisations/northfield/social-media.yaml"
CONFLICT = ('    # adopt: conflict — the model changed this clause from 1.0 to 2.0: '
            f'"{PERSONAL_2}"; keep yours, take theirs or merge\n')


def _run(root, capsys, *args: str):
    code = main(["--root", str(root), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def adopted(updates_repo, capsys):
    """Both adopters moved to 2.0; the texts of their files before."""
    before = {f: (updates_repo / f).read_text(encoding="utf-8") for f in (SOUTHBAY, NORTHFIELD)}
    for policy in ("southbay/social-media", "northfield/social-media"):
        code, _, err = _run(updates_repo, capsys, "adopt", policy, "--to", "2.0")
        assert code == 0, err
    return updates_repo, before


def test_the_yaml_keeps_every_local_change_and_comment(adopted):
    root, before = adopted
    northfield = (root / NORTHFIELD).read_text(encoding="utf-8")
    assert northfield == before[NORTHFIELD].replace('version: "1.0"\n  params', 'version: "2.0"\n  params')
    southbay = (root / SOUTHBAY).read_text(encoding="utf-8")
    expected = before[SOUTHBAY].replace('version: "1.0"\n  params', 'version: "2.0"\n  params')
    expected = expected.replace(COMMENTED, COMMENTED + CONFLICT)
    assert southbay == expected  # only the version and the conflict comment: the author's comment byte for byte
    assert "    personal: Staff must not post anything that could identify a patient.\n" in southbay
    assert "    policy-review: The ICB's policy group reviews every policy on its own cycle.\n" in southbay


@pytest.mark.parametrize("fmt", FORMATS)
def test_rebuilt_documents_show_it(adopted, fmt):
    root, _ = adopted
    assert main(["--root", str(root), "build", "--quiet", "-f", fmt]) == 0
    concerns = CONCERNS_2.replace("{param:response-days}", "{}")
    northfield, southbay = _words(root / "build", "northfield", fmt), _words(root / "build", "southbay", fmt)
    assert PERSONAL_2 in northfield and ACCESSIBLE in northfield
    assert concerns.replace("{param:complaints-team}", "Patient Advice and Liaison Service").format("10") in northfield
    assert "Staff must not post anything that could identify a patient." in southbay and PERSONAL_2 not in southbay
    assert "reviews this policy every three years" not in southbay  # still removed
    assert ACCESSIBLE in southbay and concerns.replace("{param:complaints-team}", "Patient Experience Team").format("5") in southbay


def test_redline_shows_the_document_before_and_after(adopted):
    root, _ = adopted
    folder = root / "build" / "southbay"
    assert sorted(p.name for p in folder.iterdir()) == [
        "social-media.changes.model-v1.0-v2.0.html", "social-media.redline.model-v1.0-v2.0.docx", "social-media.redline.model-v1.0-v2.0.html"]
    html = (folder / "social-media.redline.model-v1.0-v2.0.html").read_text(encoding="utf-8")
    assert "from as adopted from model version 1.0 to moved to model version 2.0" in " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert re.search(r"<ins[^>]*>(?:(?!</ins>).)*acknowledge them within two days and ", html)
    with zipfile.ZipFile(folder / "social-media.redline.model-v1.0-v2.0.docx") as z:
        document = z.read("word/document.xml").decode("utf-8")
    assert re.search(r"<w:ins [^>]*>(?:(?!</w:ins>).)*acknowledge them within two days and", document)
    assert ACCESSIBLE in document and PERSONAL_2 not in document  # southbay's own text stays: no change shown there


def test_dry_run_writes_nothing(updates_repo, capsys):
    before = (updates_repo / SOUTHBAY).read_bytes()
    code, out, err = _run(updates_repo, capsys, "adopt", "southbay/social-media", "--to", "2.0", "--dry-run")
    assert code == 0
    assert '-  version: "1.0"' in out and '+  version: "2.0"' in out and "+" + CONFLICT.rstrip("\n") in out
    assert "adopts.replace.personal: conflict" in err and "dry run" in err
    assert (updates_repo / SOUTHBAY).read_bytes() == before and not (updates_repo / "build").exists()


@pytest.mark.parametrize("args, message", [
    (["southbay/social-media", "--to", "3.0"], "adopts.version: 3.0 is not the current version of model-nhs/social-media (2.0)"),
    (["model-nhs/social-media", "--to", "2.0"], "model-nhs/social-media does not adopt a model"),
])
def test_errors_are_one_line(updates_repo, capsys, args, message):
    before = (updates_repo / SOUTHBAY).read_bytes()
    code, out, err = _run(updates_repo, capsys, "adopt", *args)
    assert (code, out) == (1, "")
    [line] = err.splitlines()
    assert message in line
    assert (updates_repo / SOUTHBAY).read_bytes() == before


def test_outside_git_is_one_line(updates_repo, capsys):
    shutil.rmtree(updates_repo / ".git")
    code, out, err = _run(updates_repo, capsys, "adopt", "southbay/social-media", "--to", "2.0")
    assert (code, out) == (1, "")
    [line] = err.splitlines()
    assert line.endswith("not inside a git repository with commits: the history of a policy is read from git")
    assert (updates_repo / SOUTHBAY).read_text(encoding="utf-8").count('version: "1.0"') == 2


def test_a_clause_the_model_removed(updates_repo, capsys):
    """An addition after it follows the clause before; a replacement of it is flagged and stops the move."""
    model = updates_repo / MODEL_FILE
    edit(model, 'version: "2.0"', 'version: "3.0"')
    edit(model, '      - {id: duties, topics: [responsibilities], text: "The {role:comms} runs the official accounts."}\n', "")
    commit(updates_repo, "model 3.0", "2025-06-01")
    code, out, err = _run(updates_repo, capsys, "adopt", "northfield/social-media", "--to", "3.0")
    assert code == 0
    code, out, err = _run(updates_repo, capsys, "adopt", "southbay/social-media", "--to", "3.0", "--dry-run")
    assert code == 0
    assert "-    - after: duties\n+    # adopt: the model removed duties in 3.0; these blocks now follow scope\n+    - after: scope\n" in out
    assert "adopts.add[0].after: the model removed duties; the blocks now follow scope" in err
    edit(updates_repo / SOUTHBAY, "  replace:\n", "  replace:\n    duties: The Head of Communications runs our accounts.\n")
    code, out, err = _run(updates_repo, capsys, "adopt", "southbay/social-media", "--to", "3.0", "--dry-run")
    assert code == 1 and out == ""
    [line] = err.splitlines()
    assert line.endswith("adopts.replace.duties: model-nhs/social-media has no block with text 'duties'")
