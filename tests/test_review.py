"""`policygen review`: a new version recorded in the YAML without losing a comment, or nothing written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ACME_ORG, ROOT, scratch_project
from policygen import edit
from policygen.cli import main
from policygen.versioning import bump

COMMENTED = """\
# yaml-language-server: $schema=../../schema/policy.schema.json
# Owner: the governance team. Keep this header.
id: social-media

document_control:
  title: Social Media Policy   # as on the front sheet
  reference: P_1
  version: "1.0"
  status: approved
  author:
    title: Communications Lead
  approved:
    body: Policy Group   # the approving committee
    date: 2023-02-10
  issued: 2023-03-01

# Reviewed every three years from approval.
review:
  every: 3 years
  next_review: 2026-02-10

version_history:
  # Oldest first.
  - version: "1.0"
    date: 2023-02-10
    description: New policy

sections:
  - id: intro
    title: Introduction
    blocks:
      - id: intro-purpose
        topics: [purpose]
        text: This policy explains how we use social media.
"""

ORG = ACME_ORG


@pytest.fixture
def acme(tmp_path: Path) -> Path:
    return scratch_project(tmp_path, ORG, COMMENTED)


def _file(root: Path) -> Path:
    return root / "organisations" / "acme" / "social-media.yaml"


def _comments(text: str) -> list[str]:
    return [line.split("#", 1)[1] for line in text.splitlines() if "#" in line]


def _top_keys(text: str) -> list[str]:
    return re.findall(r"^([a-z_]+):", text, re.M)


def test_review_keeps_every_comment_and_key_order_and_the_result_builds(acme, capsys):
    code = main(["--root", str(acme), "review", "acme/social-media", "--date", "2026-03-01",
                 "--description", "Full review", "--sections", "5.3; 7.2", "--build"])
    assert code == 0
    new = _file(acme).read_text()
    assert _comments(new) == _comments(COMMENTED)
    assert _top_keys(new) == _top_keys(COMMENTED)
    assert '  version: "2.0"' in new
    assert "    date: 2026-03-01\n" in new and "  issued: 2026-03-01\n" in new
    assert "  next_review: 2029-03-01\n" in new  # every 3 years from the new approval
    assert re.search(r'- version: "2\.0"\n    date: 2026-03-01\n    author: Communications Lead\n    sections: 5\.3; 7\.2\n    description: Full review\n    approved_by: Policy Group\n', new)
    assert "\n\nsections:" in new  # the blank line before the next key is still there
    assert main(["--root", str(acme), "validate"]) == 0
    html = (acme / "build" / "acme" / "social-media.html").read_text()
    assert "Full review" in html and "2.0" in html
    assert (acme / "build" / "acme" / "social-media.pdf").is_file()


def test_dry_run_shows_the_diff_and_writes_nothing(acme, capsys):
    before = _file(acme).read_bytes()
    assert main(["--root", str(acme), "review", "acme/social-media", "--minor", "--date", "2026-03-01", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert '+  version: "1.1"' in out and '-  version: "1.0"' in out
    assert _file(acme).read_bytes() == before


def test_a_review_that_would_not_validate_writes_nothing_and_says_why(acme, capsys):
    before = _file(acme).read_bytes()
    # approval after the ratification date recorded here would put the dates out of order
    code = main(["--root", str(acme), "review", "acme/social-media", "--date", "2026-03-01", "--ratified-by", "Trust Board", "--ratified-on", "2026-02-01"])
    err = capsys.readouterr().err
    assert code == 1
    assert "document_control.ratified.date" in err and "nothing was written" in err
    assert _file(acme).read_bytes() == before


def test_no_rule_and_no_date_is_refused(acme, capsys):
    path = _file(acme)
    path.write_text(COMMENTED.replace("  every: 3 years\n", ""))
    before = path.read_bytes()
    assert main(["--root", str(acme), "review", "acme/social-media", "--date", "2026-03-01"]) == 1
    assert "--next-review" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_invalid_file_is_not_touched(acme, capsys):
    path = _file(acme)
    path.write_text(COMMENTED.replace("title: Introduction", "titel: Introduction"))
    before = path.read_bytes()
    assert main(["--root", str(acme), "review", "acme/social-media"]) == 1
    assert "unknown key" in capsys.readouterr().err
    assert path.read_bytes() == before


@pytest.mark.parametrize("current, kind, expected", [
    (None, "draft", "0.1"), ("0.1", "draft", "0.2"), ("0.3", "major", "1.0"),
    ("1.0", "minor", "1.1"), ("1.1", "major", "2.0"), ("1.9", "minor", "1.10"),
    ("4", "major", "5"), ("4", "minor", "4.1"), ("C&E01.0", "major", "C&E02.0"),
])
def test_version_numbering(current, kind, expected):
    assert bump(current, kind) == expected


@pytest.mark.parametrize("path", sorted((ROOT / "organisations").glob("*/*.yaml")), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_shipped_files_round_trip_byte_for_byte(path):
    text = path.read_text(encoding="utf-8")
    assert edit.dump(edit.load(text)) == text


@pytest.mark.parametrize("args", [["--next-review", "2029-13"], ["--date", "2026-02-30"], ["--ratified-on", "soon"]])
def test_a_bad_date_argument_is_a_usage_error_and_writes_nothing(acme, capsys, args):
    before = _file(acme).read_bytes()
    with pytest.raises(SystemExit) as exit_info:
        main(["--root", str(acme), "review", "acme/social-media", *args])
    err = capsys.readouterr().err
    assert exit_info.value.code == 2 and "Traceback" not in err and args[0] in err
    assert _file(acme).read_bytes() == before
