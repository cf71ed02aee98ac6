"""Bad input: a one-line `file:line: path: message`, exit 1, no traceback, build/ untouched."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from acme import ORG, POLICY, POLICY_FILE, edit, line_of, snapshot
from conftest import scratch_project
from policygen.cli import main


@pytest.fixture
def acme(tmp_path: Path) -> Path:
    scratch_project(tmp_path, ORG, POLICY)
    assert main(["--root", str(tmp_path), "build"]) == 0
    return tmp_path


def _fails_with(root: Path, capsys, pattern: str) -> str:
    before = snapshot(root)
    code = main(["--root", str(root), "build"])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    assert re.search(pattern, err, re.M), err
    assert snapshot(root) == before, "build/ changed although the input was bad"
    return err


def test_shipped_sample_is_valid(acme, capsys):
    assert main(["--root", str(acme), "validate"]) == 0


def test_malformed_yaml(acme, capsys):
    text = edit(acme, "    title: Scope\n", "    title: [Scope\n")
    line = line_of(text, "    title: [Scope")
    err = _fails_with(acme, capsys, rf"^{POLICY_FILE}:(\d+): malformed YAML")
    reported = int(re.search(rf"{POLICY_FILE}:(\d+)", err)[1])
    assert line <= reported <= line + 3


def test_missing_required_field(acme, capsys):
    text = edit(acme, "  title: Social Media Policy\n", "")
    line = line_of(text, "document_control:")
    _fails_with(acme, capsys, rf"^{POLICY_FILE}:{line}: document_control\.title: required field is missing$")


def test_unknown_key_suggests_the_nearest(acme, capsys):
    text = edit(acme, "    title: Scope\n", "    titel: Scope\n")
    line = line_of(text, "titel")
    _fails_with(acme, capsys, rf"^{POLICY_FILE}:{line}: sections\[1\]\.titel: unknown key \(did you mean 'title'\?\)$")


def test_wrong_type(acme, capsys):
    text = edit(acme, "  reference: P_1", "  reference: P_1\n  keywords: social media")
    line = line_of(text, "keywords")
    _fails_with(acme, capsys, rf"^{POLICY_FILE}:{line}: document_control\.keywords: Input should be a valid list")


@pytest.mark.parametrize("added, message", [
    ("references: [{title: The Code, url: \"ftp://example.org\"}]",
     r"references\[0\]\.url: 'ftp://example.org' is not a web address: give one starting http:// or https://, without spaces"),
    ("references: [{title: The Code, url: \"https://example.org/a b\"}]",
     r"references\[0\]\.url: 'https://example.org/a b' is not a web address.*"),
    ("references: [{title: The Code, identifier: \" ISO 9001\"}]",
     r"references\[0\]\.identifier: ' ISO 9001' must not be blank or start or end with a space"),
])
def test_a_value_of_the_wrong_form_says_what_form(acme, capsys, added, message):
    """Each pattern a field must match is said in words: a web address is not called an id."""
    text = edit(acme, "sections:\n", added + "\nsections:\n")
    line = line_of(text, "references:")
    _fails_with(acme, capsys, rf"^{POLICY_FILE}:{line}: {message}$")


def test_bad_date(acme, capsys):
    text = edit(acme, "  issued: 2024-02-01", "  issued: 2024-02-30")
    line = line_of(text, "issued:")
    _fails_with(acme, capsys, rf"^{POLICY_FILE}:{line}: document_control\.issued: .*not a real date")


def test_dates_out_of_order(acme, capsys):
    text = edit(acme, "  issued: 2024-02-01", "  issued: 2023-12-01")
    line = line_of(text, "issued:")
    _fails_with(acme, capsys, rf"^{POLICY_FILE}:{line}: document_control\.issued: .*before document_control\.approved\.date")


def test_unknown_topic_suggests_the_nearest(acme, capsys):
    text = edit(acme, "topics: [scope]", "topics: [scopes]")
    line = line_of(text, "[scopes]")
    _fails_with(acme, capsys, rf"^{POLICY_FILE}:{line}: sections\[1\]\.blocks\[0\]\.topics\[0\]: 'scopes' is not in vocabulary/topics\.yaml \(did you mean 'scope'\?\)$")


def test_dangling_reference(acme, capsys):
    text = edit(acme, "{ref:intro}", "{ref:intr}")
    line = line_of(text, "{ref:intr}")
    _fails_with(acme, capsys, rf"^{POLICY_FILE}:{line}: sections\[1\]\.blocks\[0\]\.text: \{{ref:intr\}} refers to no section.*\(did you mean 'intro'\?\)$")


def test_unknown_role(acme, capsys):
    text = edit(acme, "{role:comms}", "{role:comm}")
    line = line_of(text, "{role:comm}")
    _fails_with(acme, capsys, rf"^{POLICY_FILE}:{line}: sections\[0\]\.blocks\[0\]\.text: \{{role:comm\}} is not in acme's role register \(did you mean 'comms'\?\)$")


def test_duplicate_id(acme, capsys):
    text = edit(acme, "id: scope-staff", "id: intro-purpose")
    first = line_of(text, "id: intro-purpose")
    second = text.count("\n", 0, text.rindex("id: intro-purpose")) + 1
    _fails_with(acme, capsys, rf"^{POLICY_FILE}:{second}: sections\[1\]\.blocks\[0\]\.id: duplicate id 'intro-purpose' \(first used at line {first}\)$")


def test_version_not_newest_history_row(acme, capsys):
    text = edit(acme, '  version: "1.0"', '  version: "2.0"')
    line = line_of(text, '  version: "2.0"')
    _fails_with(acme, capsys, rf"^{POLICY_FILE}:{line}: document_control\.version: '2\.0' is not the newest version history row")


def test_not_utf8(acme, capsys):
    path = acme / "organisations" / "acme" / "social-media.yaml"
    data = path.read_bytes().replace(b"Scope", b"Sc\xf6pe", 1)
    path.write_bytes(data)
    line = data[: data.index(b"\xf6")].count(b"\n") + 1
    _fails_with(acme, capsys, rf"^{POLICY_FILE}:{line}: the file is not UTF-8")


def test_unknown_organisation_on_command_line(acme, capsys):
    assert main(["--root", str(acme), "build", "acmee"]) == 2  # a usage error
    assert "no organisation 'acmee' under organisations/ (did you mean 'acme'?)" in capsys.readouterr().err


def test_warning_fails_only_when_strict(acme, capsys):
    edit(acme, "  next_review: 2027-01", "  next_review: 2024-12")
    assert main(["--root", str(acme), "validate"]) == 0
    assert "review.next_review: warning: the review date 2024-12 has passed" in capsys.readouterr().err
    assert main(["--root", str(acme), "validate", "--strict"]) == 1


def test_policy_text_is_escaped_not_executed(acme, capsys):
    edit(
        acme,
        "text: It applies to all staff; see {ref:intro}.",
        'text: "<script>alert(1)</script> ![x](file:///etc/passwd) [y](javascript:alert(1)) ![z](http://example.org/a.png)"',
    )
    assert main(["--root", str(acme), "build"]) == 0
    html = (acme / "build" / "acme" / "social-media.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html
    assert 'href="javascript:' not in html and 'href="file:' not in html
