"""Versions in git: clause-level diffs by stable id, redline HTML and DOCX tracked changes."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import ACME_ORG, scratch_project
from policygen.cli import main

ORG = ACME_ORG + """\
style:
  numbering: "1.1"
"""

V1 = """\
id: social-media
document_control:
  title: Social Media Policy
  version: "1.0"
  approved: {body: Policy Group, date: 2023-02-10}
review:
  next_review: 2026-02
version_history:
  - {version: "1.0", date: 2023-02-10}
sections:
  - id: intro
    title: Introduction
    blocks:
      - {id: purpose, topics: [purpose], text: This policy sets out how staff use social media.}
      - {id: old-rule, topics: [personal-use], text: Staff may use social media in their lunch break.}
  - id: conduct
    title: Conduct
    blocks:
      - {id: be-kind, topics: [respect-harassment], text: Staff must be respectful to colleagues online.}
      - {id: accuracy, topics: [accuracy], text: Staff must check facts before posting.}
      - {id: photos, topics: [photographs-consent], text: Staff must have consent before posting photographs.}
"""

V2 = """\
id: social-media
document_control:
  title: Social Media Policy
  version: "2.0"
  approved: {body: Policy Group, date: 2026-01-20}
review:
  next_review: 2029-01
version_history:
  - {version: "1.0", date: 2023-02-10}
  - {version: "2.0", date: 2026-01-20}
sections:
  - id: intro
    title: Introduction
    blocks:
      - {id: purpose, topics: [purpose], text: This policy sets out how staff and volunteers use social media.}
      - {id: photos, topics: [photographs-consent], text: Staff must have consent before posting photographs.}
  - id: conduct
    title: Conduct
    blocks:
      - {id: be-kind, topics: [respect-harassment], text: Staff must be respectful to colleagues online.}
      - {id: accuracy, topics: [accuracy], text: Staff must check facts before posting.}
      - {id: ai-content, topics: [business-use], text: Staff must not post content made by AI tools as their own.}
"""


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    scratch_project(tmp_path, ORG, V1)
    org = tmp_path / "organisations" / "acme"
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "-c", "user.name=Policy Office", "-c", "user.email=po@example.org", "commit", "-qm", "v1", "--date", "2023-02-10T09:00:00+00:00")
    _git(tmp_path, "tag", "v1")
    (org / "social-media.yaml").write_text(V2)
    _git(tmp_path, "add", "-A")
    env_date = "2026-01-20T10:30:00+00:00"
    subprocess.run(["git", "-C", str(tmp_path), "-c", "user.name=Jo Bloggs", "-c", "user.email=jo@example.org", "commit", "-qm", "v2", "--date", env_date],
                   check=True, env={**__import__("os").environ, "GIT_COMMITTER_DATE": env_date})
    _git(tmp_path, "tag", "v2")
    return tmp_path


def _report(repo: Path, capsys) -> dict:
    assert main(["--root", str(repo), "diff", "acme/social-media", "v1", "v2", "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_diff_reports_changes_by_stable_id(repo, capsys):
    data = _report(repo, capsys)
    kinds = {c["id"]: (c["kind"], c["old"], c["new"]) for c in data["changes"]}
    assert kinds["purpose"] == ("reworded", "1.1", "1.1")
    assert kinds["photos"] == ("moved", "2.3", "1.2")
    assert kinds["ai-content"] == ("added", None, "2.3")
    assert kinds["old-rule"] == ("removed", "1.2", None)
    assert "be-kind" not in kinds and "accuracy" not in kinds  # unchanged, whatever their numbers
    words = [w for w in next(c for c in data["changes"] if c["id"] == "purpose")["words"] if w[0] != "equal"]
    assert words == [["insert", "and volunteers "]] or words == [["insert", " and volunteers"]]
    fields = {f["field"]: (f["old"], f["new"]) for f in data["fields"]}
    assert fields["document_control.version"] == ("1.0", "2.0")
    assert fields["document_control.approved.date"] == ("2023-02-10", "2026-01-20")
    assert fields["review.next_review"] == ("2026-02", "2029-01")
    # Each clause named by its old and new numbers and its first words: "2.3" alone would mean
    # the moved clause in the old numbering and the added one in the new.
    assert data["summary"] == (
        "1.1 reworded (\u201cThis policy sets out how staff and volunteers\u2026\u201d); "
        "2.3 moved to 1.2 (\u201cStaff must have consent before posting photographs.\u201d); "
        "2.3 added (\u201cStaff must not post content made by AI\u2026\u201d); "
        "1.2 removed (\u201cStaff may use social media in their lunch\u2026\u201d)"
    )


def test_terminal_summary_shows_word_changes(repo, capsys):
    assert main(["--root", str(repo), "diff", "acme/social-media", "v1", "v2", "--no-redline"]) == 0
    out = capsys.readouterr().out
    assert "1.1 reworded" in out and "{+and volunteers+}" in out.replace("{+ and volunteers+}", "{+and volunteers+}").replace("{+and volunteers +}", "{+and volunteers+}")
    assert "document_control.version: 1.0 → 2.0" in out
    assert not (repo / "build").exists()


def test_redline_html_marks_insertions_and_deletions_accessibly(repo, capsys):
    _report(repo, capsys)
    page = (repo / "build" / "acme" / "social-media.redline.v1.0-v2.0.html").read_text()
    assert '<html lang="en-GB">' in page
    assert "<ins><span class=\"visually-hidden\">insertion start: </span>and volunteers" in page.replace("> and volunteers", ">and volunteers")
    assert "<del><span class=\"visually-hidden\">deletion start: </span>Staff may use social media in their lunch break." in page
    assert "<span class=\"badge\">moved from <a href=\"#was-photos\">2.3</a></span>" in page
    assert "text-decoration: line-through" in page and "text-decoration: underline" in page  # not colour alone


def _docx_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml").decode()


def test_redline_docx_has_real_tracked_changes_with_author_and_date(repo, capsys):
    _report(repo, capsys)
    xml = _docx_xml(repo / "build" / "acme" / "social-media.redline.v1.0-v2.0.docx")
    assert '<w:ins w:id="' in xml and '<w:del w:id="' in xml
    assert 'w:author="Jo Bloggs"' in xml and 'w:date="2026-01-20T10:30:00+00:00"' in xml
    assert "<w:delText>Staff may use social media in their lunch break.</w:delText>" in xml


LO_PYTHON = "/usr/bin/python3"


def _has_uno() -> bool:
    if shutil.which("soffice") is None or not Path(LO_PYTHON).exists():
        return False
    return subprocess.run([LO_PYTHON, "-c", "import uno"], capture_output=True).returncode == 0


@pytest.mark.skipif(not _has_uno(), reason="LibreOffice with python3-uno is not installed")
def test_libreoffice_accepting_all_changes_gives_the_new_text(repo, capsys, tmp_path):
    _report(repo, capsys)
    docx = repo / "build" / "acme" / "social-media.redline.v1.0-v2.0.docx"
    results = {}
    for action in ("accept", "reject"):
        out = tmp_path / f"{action}.txt"
        subprocess.run([LO_PYTHON, str(Path(__file__).parents[1] / "lo_accept.py"), action, str(docx), str(out)], check=True, timeout=180)
        results[action] = " ".join(out.read_text(encoding="utf-8-sig").split())
    # the document's text after its summary of changes
    accepted, rejected = (results[a].split("The text with changes marked", 1)[1] for a in ("accept", "reject"))
    assert "how staff and volunteers use social media" in accepted
    assert "Staff must not post content made by AI tools as their own." in accepted
    assert "lunch break" not in accepted
    assert "how staff use social media" in rejected and "lunch break" in rejected and "AI tools" not in rejected
    # the moved clause is where each version has it, once
    for text in (accepted, rejected):
        assert text.count("Staff must have consent before posting photographs.") == 1
    assert accepted.index("consent before posting") < accepted.index("Conduct") < accepted.index("check facts")
    assert rejected.index("check facts") < rejected.index("consent before posting")


def test_review_takes_the_suggested_change_summary(repo, capsys):
    path = repo / "organisations" / "acme" / "social-media.yaml"
    path.write_text(V2.replace("before posting photographs.", "before posting any photograph."))
    assert main(["--root", str(repo), "review", "acme/social-media", "--changes-since", "v2", "--date", "2026-06-01", "--next-review", "2029-06", "--dry-run"]) == 0
    assert "+    sections: 1.2 reworded (\u201cStaff must have consent before posting any photograph.\u201d)\n" in capsys.readouterr().out


def test_unknown_revision_is_a_clear_error(repo, capsys):
    assert main(["--root", str(repo), "diff", "acme/social-media", "nope"]) == 1
    assert "nope: no such git revision" in capsys.readouterr().err


def test_diff_and_changes_since_print_no_library_warnings(tmp_path):
    """A policy with an EIA (a union of part models) is compared without pydantic serializer warnings."""
    import sys

    from conftest import copy_project

    copy_project(tmp_path)
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "-c", "user.name=Policy Office", "-c", "user.email=po@example.org", "commit", "-qm", "shipped")
    policy = tmp_path / "organisations" / "lchs" / "social-media.yaml"
    policy.write_text(policy.read_text(encoding="utf-8").replace("Level of impact", "Level of the impact"), encoding="utf-8")
    for args in (["diff", "lchs/social-media", "HEAD", "--no-redline"],
                 ["review", "lchs/social-media", "--changes-since", "HEAD", "--date", "2026-06-01", "--ratified-by", "Trust Board", "--ratified-on", "2026-06-02", "--next-review", "2029-06", "--dry-run"]):
        done = subprocess.run([sys.executable, "-m", "policygen", "--root", str(tmp_path), *args], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert "Warning" not in done.stderr and "Pydantic" not in done.stderr, done.stderr
    assert "Level of the impact" in subprocess.run(
        [sys.executable, "-m", "policygen", "--root", str(tmp_path), "diff", "lchs/social-media", "HEAD", "--no-redline"],
        capture_output=True, text=True).stdout


def test_a_moved_clause_is_marked_at_both_ends(repo, capsys):
    """Its old place says where it went, its new place where it came from: HTML, DOCX move tracking, terminal."""
    assert main(["--root", str(repo), "diff", "acme/social-media", "v1", "v2"]) == 0
    out = capsys.readouterr().out
    assert "2.3 moved to 1.2 (\u201cStaff must have consent before posting photographs.\u201d)" in out
    page = (repo / "build" / "acme" / "social-media.redline.v1.0-v2.0.html").read_text()
    old_end = page.index('id="was-photos"')
    new_end = page.index('id="photos"')
    assert new_end < page.index("Staff must be respectful") < page.index("Staff must check facts") < old_end
    assert page.index('moved to <a href="#photos">1.2</a>', old_end) < page.index("Staff must not post content made by AI", old_end)
    assert 'moved from <a href="#was-photos">2.3</a>' in page[new_end:old_end]
    assert "<del class=\"moved\"><span class=\"visually-hidden\">moved text start: </span>Staff must have consent" in page[old_end:]
    xml = _docx_xml(repo / "build" / "acme" / "social-media.redline.v1.0-v2.0.docx")
    import re

    moves = {}
    for end in ("From", "To"):
        start = re.search(rf'<w:move{end}RangeStart w:id="(\d+)" w:author="Jo Bloggs" w:name="(\w+)" w:date="2026-01-20T10:30:00\+00:00"/>', xml)
        assert start, end
        body = xml[start.end():xml.index(f'<w:move{end}RangeEnd w:id="{start[1]}"/>')]
        assert f"<w:move{end} " in body and "Staff must have consent before posting photographs." in body
        moves[end] = (start[2], xml.index(start[0]))
    assert moves["From"][0] == moves["To"][0]  # one named move joins the two ends
    assert moves["To"][1] < xml.index("Staff must check facts") < moves["From"][1]


def _zip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def test_redline_docx_is_reproducible_a4_british_and_in_house_style(repo, capsys):
    """The same two revisions give the same bytes a second later; the page, language, styles,
    header and footer are the build DOCX's."""
    import time

    (repo / "organisations" / "acme" / "organisation.yaml").write_text(ORG + "  font: Verdana\n  colours: {primary: \"#7C2855\"}\n")
    _git(repo, "-c", "user.name=Policy Office", "-c", "user.email=po@example.org", "commit", "-qam", "house style")
    path = repo / "build" / "acme" / "social-media.redline.v1.0-v2.0.docx"
    assert main(["--root", str(repo), "diff", "acme/social-media", "v1", "HEAD", "--no-redline"]) == 0
    assert main(["--root", str(repo), "diff", "acme/social-media", "v1", "HEAD"]) == 0
    first = path.read_bytes()
    time.sleep(1.1)
    head = _git(repo, "rev-parse", "HEAD").strip()
    assert main(["--root", str(repo), "diff", "acme/social-media", "v1", head]) == 0  # the same revision, typed otherwise
    assert path.read_bytes() == first
    with zipfile.ZipFile(path) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    parts = _zip(path)
    document = parts["word/document.xml"].decode()
    assert '<w:pgSz w:w="11906" w:h="16838"/>' in document
    styles = parts["word/styles.xml"].decode()
    assert '<w:lang w:val="en-GB"' in styles and 'w:ascii="Verdana"' in styles and "7C2855" in styles
    header = next(v.decode() for k, v in parts.items() if k.startswith("word/header"))
    footer = next(v.decode() for k, v in parts.items() if k.startswith("word/footer"))
    assert "Changes to Social Media Policy" in header and "version 1.0 (" in header and "to version 2.0 (" in header
    assert " PAGE " in footer and " NUMPAGES " in footer
    assert b"<dc:language>en-GB</dc:language>" in parts["docProps/core.xml"]


def test_redlines_are_named_by_versions_and_never_silently_replace_another_file(repo, capsys):
    build = repo / "build" / "acme"
    assert main(["--root", str(repo), "diff", "acme/social-media", "v1", "v2"]) == 0
    names = sorted(p.name for p in build.iterdir())
    assert names == ["social-media.changes.v1.0-v2.0.html", "social-media.redline.v1.0-v2.0.docx",
                     "social-media.redline.v1.0-v2.0.html"]
    # the changes-only page has the changed clauses and not the unchanged ones
    changes = (build / "social-media.changes.v1.0-v2.0.html").read_text()
    assert "Staff must not post content made by AI tools" in changes and "lunch break" in changes
    assert "Staff must be respectful to colleagues online." not in changes
    assert "Staff must be respectful to colleagues online." in (build / "social-media.redline.v1.0-v2.0.html").read_text()
    capsys.readouterr()

    # a file of that name the user wrote is refused, and nothing at all is written
    mine = build / "social-media.redline.v1.0-v2.0.html"
    mine.write_text("my annotated copy")
    (build / "social-media.changes.v1.0-v2.0.html").unlink()
    assert main(["--root", str(repo), "diff", "acme/social-media", "v1", "v2"]) == 1
    err = capsys.readouterr().err
    assert "build/acme/social-media.redline.v1.0-v2.0.html: exists and was not made by this comparison" in err
    assert "--force" in err and "Traceback" not in err
    assert mine.read_text() == "my annotated copy"
    assert not (build / "social-media.changes.v1.0-v2.0.html").exists()
    assert main(["--root", str(repo), "diff", "acme/social-media", "v1", "v2", "--force"]) == 0
    assert "<!DOCTYPE html>" in mine.read_text()

    # the same version number on both sides: named by commit id, not by what was typed
    path = repo / "organisations" / "acme" / "social-media.yaml"
    path.write_text(V2.replace("check facts", "check the facts"))
    assert main(["--root", str(repo), "diff", "acme/social-media", "v2"]) == 0
    short = _git(repo, "rev-parse", "--short", "v2").strip()
    working = build / f"social-media.redline.{short}-working-tree.html"
    assert "check the facts" in working.read_text()
    # regenerating the same comparison after another edit replaces its own file
    path.write_text(V2.replace("check facts", "check all facts"))
    assert main(["--root", str(repo), "diff", "acme/social-media", "HEAD"]) == 0
    assert "check all facts" in working.read_text()


def test_lists_in_redlines_stay_real_lists(repo, capsys):
    """A clause's Markdown list is ul/li in the HTML and Word list numbering in the DOCX, not '- ' lines."""
    path = repo / "organisations" / "acme" / "social-media.yaml"
    clause = '      - {id: channels, topics: [business-use], text: "Staff may post on:\\n\\n%s"}\n'
    path.write_text(V2 + clause % "- the trust\'s own accounts;\\n- partner accounts.")
    _git(repo, "-c", "user.name=Policy Office", "-c", "user.email=po@example.org", "commit", "-qam", "channels")
    path.write_text(V2.replace('"2.0"', '"2.1"') + clause % "- the trust\'s own accounts;\\n- accounts of NHS partners;\\n- local news sites.")
    assert main(["--root", str(repo), "diff", "acme/social-media", "HEAD"]) == 0
    build = repo / "build" / "acme"
    page = (build / "social-media.redline.v2.0-v2.1.html").read_text()
    assert "Staff may post on:</p><ul><li>the trust&#39;s own accounts;</li><li><del>" in page
    assert "<li><ins><span class=\"visually-hidden\">insertion start: </span>local news sites.<" in page
    assert "- the trust" not in page and "- partner" not in page
    xml = _docx_xml(build / "social-media.redline.v2.0-v2.1.docx")
    import re

    items = [p for p in re.findall(r"<w:p>.*?</w:p>|<w:p .*?</w:p>", xml) if "<w:numPr>" in p]
    texts = ["".join(re.findall(r"<w:(?:t|delText)(?: [^>]*)?>([^<]*)<", p)) for p in items]
    assert "the trust's own accounts;" in texts and "local news sites." in texts
    assert any(t.startswith("partner accounts.") or "partner" in t for t in texts)
    assert "- the trust" not in xml
    # against the working tree, tracked changes are dated when the policy file was last changed
    import datetime as dt

    when = dt.datetime.fromtimestamp(int(path.stat().st_mtime), dt.timezone.utc).isoformat()
    marks = re.findall(r"<w:(?:ins|del) [^>]*>", xml)
    assert marks and all(f'w:date="{when}"' in m for m in marks)


@pytest.mark.skipif(not _has_uno(), reason="LibreOffice with python3-uno is not installed")
def test_libreoffice_accepts_and_rejects_a_moved_and_reworded_clause(repo, capsys, tmp_path):
    """The new place shows the words added since as insertions inside the move; accepting gives
    the new text once, rejecting the old text once, each in its own place."""
    path = repo / "organisations" / "acme" / "social-media.yaml"
    path.write_text(V2.replace("before posting photographs.", "before posting any photographs online."))
    assert main(["--root", str(repo), "diff", "acme/social-media", "v1"]) == 0
    docx = repo / "build" / "acme" / "social-media.redline.v1.0-v2.0.docx"
    xml = _docx_xml(docx)
    move_to = xml[xml.index("<w:moveToRangeStart"):xml.index("<w:moveToRangeEnd")]
    assert "<w:ins " in move_to and "any " in move_to and "<w:del " not in move_to
    results = {}
    for action in ("accept", "reject"):
        out = tmp_path / f"{action}.txt"
        subprocess.run([LO_PYTHON, str(Path(__file__).parents[1] / "lo_accept.py"), action, str(docx), str(out)], check=True, timeout=180)
        results[action] = " ".join(out.read_text(encoding="utf-8-sig").split()).split("The text with changes marked", 1)[1]
    accepted, rejected = results["accept"], results["reject"]
    assert accepted.count("consent before posting") == 1 and "before posting any photographs online." in accepted
    assert accepted.index("any photographs online") < accepted.index("check facts")
    assert rejected.count("consent before posting") == 1 and "before posting photographs." in rejected
    assert "any photographs" not in rejected and rejected.index("check facts") < rejected.index("consent before posting")


def test_git_diff_of_built_documents_shows_their_text(repo):
    """The README's steps: the project's .gitattributes plus `git config diff.policygen.textconv`
    make `git diff` of a committed DOCX show the sentence that changed."""
    import sys

    shutil.copy(Path(__file__).resolve().parents[2] / ".gitattributes", repo / ".gitattributes")
    _git(repo, "config", "diff.policygen.textconv", f"{sys.executable} -m policygen textconv")
    assert main(["--root", str(repo), "build", "acme/social-media", "-f", "docx", "--quiet"]) == 0
    _git(repo, "add", "-f", ".gitattributes", "build/acme/social-media.docx")
    _git(repo, "-c", "user.name=Policy Office", "-c", "user.email=po@example.org", "commit", "-qm", "published")
    path = repo / "organisations" / "acme" / "social-media.yaml"
    path.write_text(V2.replace("check facts", "check the facts"))
    assert main(["--root", str(repo), "build", "acme/social-media", "-f", "docx", "--quiet"]) == 0
    out = _git(repo, "diff", "build/acme/social-media.docx")
    assert "-2.2\tStaff must check facts before posting." in out
    assert "+2.2\tStaff must check the facts before posting." in out
