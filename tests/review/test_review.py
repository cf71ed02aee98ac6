"""`policygen review`: a new version recorded in the YAML without losing a comment, or nothing written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from acme import COMMENTED
from conftest import ACME_ORG, ROOT, scratch_project
from policygen.load import edit
from policygen.cli import main
from policygen.model.versioning import CONVENTIONS

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
    assert main(["--root", str(acme), "review", "acme/social-media", "--minor", "--date", "2025-06-01", "--dry-run"]) == 0
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


@pytest.mark.parametrize("convention, current, kind, expected", [
    ("major-minor", None, "draft", "0.1"), ("major-minor", "0.1", "draft", "0.2"), ("major-minor", "0.3", "major", "1.0"),
    ("major-minor", "1.0", "minor", "1.1"), ("major-minor", "1.1", "major", "2.0"), ("major-minor", "1.9", "minor", "1.10"),
    ("major-minor", "4", "major", "5.0"), ("major-minor", "C&E01.0", "major", "C&E02.0"),
    ("whole", "4", "major", "5"), ("whole", "4", "minor", "5"), ("whole", None, "major", "1"), ("whole", "V07", "major", "V08"),
    ("semantic", "2.1.2", "major", "3.0.0"), ("semantic", "2.1.2", "minor", "2.2.0"), ("semantic", "2.1.2", "draft", "2.1.3"),
    ("semantic", None, "draft", "0.1.0"),
])
def test_version_numbering(convention, current, kind, expected):
    rule = CONVENTIONS[convention]
    assert rule.bump(current, kind) == expected
    assert rule.problem(expected, "draft" if kind == "draft" else "approved") is None  # the lint accepts what the bump gives


@pytest.mark.parametrize("convention, kind, version", [("whole", "major", "2"), ("whole", "minor", "2"), ("semantic", "minor", "1.1.0"), ("major-minor", "minor", "1.1")])
def test_review_never_writes_a_version_its_own_lint_warns_about(acme, capsys, convention, kind, version):
    org = acme / "organisations" / "acme" / "organisation.yaml"
    org.write_text(ORG + f"version_numbers: {convention}\n")
    start = {"whole": "1", "semantic": "1.0.0", "major-minor": "1.0"}[convention]
    _file(acme).write_text(COMMENTED.replace('"1.0"', f'"{start}"'))
    assert main(["--root", str(acme), "review", "acme/social-media", f"--{kind}", "--date", "2025-06-01"]) == 0
    assert f'  version: "{version}"' in _file(acme).read_text()
    capsys.readouterr()
    assert main(["--root", str(acme), "validate"]) == 0
    assert "document_control.version" not in capsys.readouterr().err


def test_shipped_whole_number_organisations_declare_their_convention(capsys):
    main(["--root", str(ROOT), "validate"])
    assert "does not follow" not in capsys.readouterr().err


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


def test_the_readme_review_example_works_on_the_shipped_project(capsys):
    code = main(["--root", str(ROOT), "review", "lchs/social-media", "--major", "--date", "2026-11-20", "--ratified-by", "Trust Board",
                 "--ratified-on", "2026-12-01", "--description", "Full review", "--dry-run"])
    assert code == 0, capsys.readouterr().err
    assert "+  next_review: 2028-12-01" in capsys.readouterr().out  # two years from ratification, as the source's dates give


@pytest.mark.parametrize("target, next_review", [
    ("lchs/social-media", "2028-11-20"), ("eput/social-media", "2029-11-20"),
    ("cpss/social-media", "2028-11-20"), ("swlccg/social-media", "2029-11-20"),
])
def test_each_shipped_policy_has_the_review_rule_its_source_states(target, next_review, capsys):
    code = main(["--root", str(ROOT), "review", target, "--major", "--date", "2026-11-20", "--approved-by", "Board", "--dry-run"])
    assert code == 0, capsys.readouterr().err
    assert f"+  next_review: {next_review}" in capsys.readouterr().out


def test_every_missing_option_is_reported_in_one_run_naming_the_policy(acme, capsys):
    path = _file(acme)
    path.write_text(COMMENTED.replace("  every: 3 years\n", "").replace("  approved:\n    body: Policy Group   # the approving committee\n    date: 2023-02-10\n", ""))
    before = path.read_bytes()
    assert main(["--root", str(acme), "review", "acme/social-media", "--date", "2026-03-01", "--ratified-on", "2026-03-02"]) == 1
    err = capsys.readouterr().err
    for option in ("--approved-by", "--ratified-by", "--next-review"):
        assert "acme/social-media: " in next(line for line in err.splitlines() if option in line), option
    assert "Traceback" not in err and path.read_bytes() == before


RATIFIED = COMMENTED.replace("  issued: 2023-03-01\n", "  ratified:\n    body: Trust Board\n    date: 2023-02-20\n  issued: 2023-03-01\n")


def test_a_minor_amendment_approved_without_re_ratification_is_recorded_and_keeps_the_review_date(acme, capsys):
    _file(acme).write_text(RATIFIED)
    assert main(["--root", str(acme), "review", "acme/social-media", "--minor", "--date", "2025-06-01", "--description", "New contact details"]) == 0
    new = _file(acme).read_text()
    assert '  version: "1.1"' in new and "    date: 2025-06-01\n" in new
    assert 'ratified:\n    body: Trust Board\n    date: 2023-02-20\n    version: "1.0"\n' in new  # the ratification stays, marked as the old version's
    assert "  next_review: 2026-02-10\n" in new  # the clock is not restarted
    capsys.readouterr()
    assert main(["--root", str(acme), "status", "--as-of", "2025-07-01", "--format", "json"]) == 0
    assert '"next_review": "2026-02-10"' in capsys.readouterr().out


def test_a_minor_amendment_keeps_a_derived_review_date_and_restarts_it_only_when_asked(acme, capsys):
    _file(acme).write_text(RATIFIED.replace("  next_review: 2026-02-10\n", ""))
    before = _file(acme).read_text()
    assert main(["--root", str(acme), "review", "acme/social-media", "--minor", "--date", "2025-06-01"]) == 0
    capsys.readouterr()
    main(["--root", str(acme), "status", "--format", "json"])
    assert '"next_review": "2026-02-20"' in capsys.readouterr().out  # three years from the ratification, as before
    _file(acme).write_text(before)
    assert main(["--root", str(acme), "review", "acme/social-media", "--minor", "--date", "2025-06-01", "--restart-review"]) == 0
    capsys.readouterr()
    main(["--root", str(acme), "status", "--format", "json"])
    assert '"next_review": "2028-06-01"' in capsys.readouterr().out


def test_a_minor_amendment_after_the_review_date_says_how_to_go_on(acme, capsys):
    before = _file(acme).read_bytes()
    assert main(["--root", str(acme), "review", "acme/social-media", "--minor", "--date", "2026-03-01"]) == 1
    assert "acme/social-media: the review date 2026-02-10 has passed" in capsys.readouterr().err
    assert _file(acme).read_bytes() == before
    assert main(["--root", str(acme), "review", "acme/social-media", "--minor", "--date", "2026-03-01", "--restart-review"]) == 0
    assert "  next_review: 2029-03-01\n" in _file(acme).read_text()


def test_review_build_also_rebuilds_the_register_and_comparison_pages(project, capsys):
    assert main(["--root", str(project), "build", "--quiet"]) == 0
    index, compare = project / "build" / "index.html", project / "build" / "compare" / "social-media.html"
    assert ">4<" in index.read_text(encoding="utf-8")
    compare.unlink()
    assert main(["--root", str(project), "review", "lchs/social-media", "--major", "--date", "2026-11-20", "--ratified-on", "2026-11-25", "--build"]) == 0
    page = index.read_text(encoding="utf-8")
    assert ">5<" in page and ">4<" not in page  # LCHS's new version in the register
    assert "LCHS" in compare.read_text(encoding="utf-8")  # made again from the whole library
    assert "wrote build/lchs/social-media.pdf" in capsys.readouterr().out


def test_keys_added_at_the_end_of_a_block_go_above_the_comment_that_introduces_the_next_one(acme, capsys):
    # No reference or status: version, status and approval are appended at the end of document_control.
    text = COMMENTED.replace("  reference: P_1\n  version: \"1.0\"\n  status: approved\n", "").replace(
        "  issued: 2023-03-01\n", "  issued: 2023-03-01\n  last_review: 2023-02-10\n")
    _file(acme).write_text(text)
    assert main(["--root", str(acme), "review", "acme/social-media", "--date", "2026-03-01"]) == 0
    new = _file(acme).read_text()
    assert "  approved:\n    body: Policy Group   # the approving committee\n    date: 2026-03-01\n  issued: 2026-03-01\n  last_review: 2026-03-01\n  version: \"2.0\"\n  status: approved\n\n# Reviewed every three years from approval.\nreview:\n" in new, new


def test_a_minor_amendment_in_the_first_cycle_keeps_the_first_interval(acme, capsys):
    # "after one year initially, and every three years thereafter": due 10 February 2024.
    _file(acme).write_text(COMMENTED.replace("  every: 3 years\n", "  every: 3 years\n  first: 1 year\n").replace("  next_review: 2026-02-10\n", ""))
    assert main(["--root", str(acme), "review", "acme/social-media", "--minor", "--date", "2023-06-01"]) == 0
    capsys.readouterr()
    main(["--root", str(acme), "status", "--format", "json"])
    assert '"next_review": "2024-02-10"' in capsys.readouterr().out
