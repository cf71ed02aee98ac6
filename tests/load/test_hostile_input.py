"""Input from a hostile corpus (issue 11): one clear line each, a non-zero exit, no traceback,
and what build/ held before left as it was."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from conftest import scratch_project
from policygen.cli import main
from acme import ORG, POLICY, POLICY_FILE, edit, line_of, snapshot

POLICY_PATH = Path("organisations") / "acme" / "social-media.yaml"


@pytest.fixture
def acme(tmp_path: Path) -> Path:
    """The one-policy project, built in Markdown and HTML (enough to see build/ left alone)."""
    scratch_project(tmp_path, ORG, POLICY)
    assert main(["--root", str(tmp_path), "build", "-f", "md", "-f", "html"]) == 0
    return tmp_path


def _run(root: Path, capsys, *argv: str) -> tuple[int, str]:
    code = main(["--root", str(root), *argv])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


def _rejected(root: Path, capsys, pattern: str) -> list[str]:
    """validate and build both exit 1 with the line ``pattern`` matches, and build/ is untouched."""
    before = snapshot(root)
    lines = []
    for argv in (["validate"], ["build", "-f", "md", "-f", "html"]):
        code, err = _run(root, capsys, *argv)
        assert code == 1, err
        found = [line for line in err.splitlines() if re.search(pattern, line)]
        assert found, err
        lines += found
    assert snapshot(root) == before, "build/ changed although the input was bad"
    return lines


def test_key_given_twice_names_both_lines(acme, capsys):
    text = edit(acme, "  issued: 2024-02-01\n", "  issued: 2024-02-01\n  title: Another Title\n")
    first, second = line_of(text, "  title: Social"), line_of(text, "  title: Another")
    _rejected(acme, capsys, rf"^{POLICY_FILE}:{second}: document_control\.title: key given twice, at lines {first} and {second}; keep one$")


def test_same_key_and_value_twice_is_rejected_too(acme, capsys):
    text = edit(acme, "id: social-media\n", "id: social-media\nid: social-media\n")
    _rejected(acme, capsys, rf"^{POLICY_FILE}:{line_of(text, 'id: social-media') + 1}: id: key given twice")


def test_deep_nesting_is_a_located_problem(acme, capsys):
    text = edit(acme, "sections:\n", "notes: " + "[" * 5000 + "]" * 5000 + "\nsections:\n")
    _rejected(acme, capsys, rf"^{POLICY_FILE}:{line_of(text, 'notes:')}: malformed YAML: exceeded maximum nesting depth$")


def test_deep_nesting_leaves_the_others_built(project, capsys):
    """A policy nested too deep is reported and skipped; the register and comparison list the others."""
    assert main(["--root", str(project), "build", "-f", "md"]) == 0
    bad = project / "organisations" / "lchs" / "social-media.yaml"
    bad.write_text(bad.read_text(encoding="utf-8") + "x: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    (project / "build" / "index.html").unlink()
    (project / "build" / "compare" / "social-media.html").unlink()
    kept = project / "build" / "lchs" / "social-media.md"
    before = (kept.read_bytes(), kept.stat().st_mtime_ns)

    code, err = _run(project, capsys, "build", "-f", "md")
    assert code == 1
    assert re.search(r"^organisations/lchs/social-media\.yaml:\d+: malformed YAML: exceeded maximum nesting depth$", err, re.M), err
    assert (kept.read_bytes(), kept.stat().st_mtime_ns) == before
    register = (project / "build" / "index.html").read_text(encoding="utf-8")
    comparison = (project / "build" / "compare" / "social-media.html").read_text(encoding="utf-8")
    for org in ("cpss", "eput", "focus", "swlccg"):
        assert f"{org}/social-media.md" in register
        assert org in comparison
    assert "lchs/social-media.md" not in register


@pytest.mark.parametrize("char", ["\0", "\x07", "\x1b"])
def test_forbidden_character_is_reported_by_line(acme, capsys, char):
    text = edit(acme, "    title: Scope\n", f"    title: Sc{char}ope\n")
    line = line_of(text, "    title: Sc")
    lines = _rejected(acme, capsys, rf"^{POLICY_FILE}:{line}: character U\+{ord(char):04X} is not allowed in YAML \(column 14\); delete it$")
    assert all("\n" not in line for line in lines)


def _with_unknown_keys(root: Path, n: int) -> None:
    path = root / POLICY_PATH
    path.write_text(POLICY + "".join(f"stray{i}: {i}\n" for i in range(n)), encoding="utf-8")


def test_thousands_of_unknown_keys_are_capped(acme, capsys):
    _with_unknown_keys(acme, 20_000)
    first = POLICY.count("\n") + 1
    _rejected(acme, capsys, rf"^{POLICY_FILE}:{first + 50}: stray50: and 19950 more problems in this file")
    code, err = _run(acme, capsys, "validate")
    assert code == 1
    assert len(err.splitlines()) == 52, err  # 50 listed, the count, the total
    assert re.search(rf"^{POLICY_FILE}:{first}: stray0: unknown key$", err, re.M), err
    assert re.search(rf"^{POLICY_FILE}:{first + 50}: stray50: and 19950 more problems in this file, not listed; fix those above first$", err, re.M), err


def test_unknown_keys_take_linear_time(acme, capsys):
    """Four times the keys may take about four times as long, not sixteen (it took 7.7 times)."""
    def seconds(n: int) -> float:
        _with_unknown_keys(acme, n)
        start = time.perf_counter()
        assert main(["--root", str(acme), "validate"]) == 1
        capsys.readouterr()
        return time.perf_counter() - start

    seconds(1000)  # warm the imports
    small, large = seconds(5_000), seconds(20_000)
    assert large < 6 * small + 1.0, (small, large)


def test_organisation_without_organisation_yaml_is_an_error(acme, capsys):
    (acme / "organisations" / "acme" / "organisation.yaml").unlink()
    _rejected(acme, capsys, r"^organisations/acme/organisation\.yaml: this file is missing, so none of the policies in organisations/acme/ can be built; add it \(see docs/authoring\.md\)$")
    code, err = _run(acme, capsys, "build", "acme")
    assert code == 1 and "organisation.yaml: this file is missing" in err


def _cannot_write(root: Path, capsys, shown: str, reason: str) -> None:
    before = snapshot(root)
    code, err = _run(root, capsys, "build", "-f", "md", "-f", "html", "--force")
    assert code == 1
    assert f"policygen build: cannot write {shown} ({reason}); what was there before is left as it was" in err.splitlines()
    assert snapshot(root) == before


def test_cache_path_taken_by_a_folder(acme, capsys):
    """Root writes through chmod 000, but not over a folder: the cache writer's case."""
    cache = acme / "build" / ".policygen-cache.json"
    cache.unlink()
    cache.mkdir()
    _cannot_write(acme, capsys, "build/.policygen-cache.json", "a folder of that name is in the way")


def test_output_path_taken_by_a_folder(acme, capsys):
    (acme / "build" / "acme" / "social-media.md").unlink()
    (acme / "build" / "acme" / "social-media.md").mkdir()
    _cannot_write(acme, capsys, "build/acme/social-media.md", "a folder of that name is in the way")


def test_build_is_a_file(acme, capsys):
    build = acme / "build"
    for path in sorted(build.rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    build.rmdir()
    build.write_text("not a folder\n", encoding="utf-8")
    mtime = build.stat().st_mtime_ns
    code, err = _run(acme, capsys, "build")
    assert code == 1
    assert err.splitlines() == ["policygen build: cannot write build (a file stands where a folder is needed); what was there before is left as it was"]
    assert build.read_text(encoding="utf-8") == "not a folder\n" and build.stat().st_mtime_ns == mtime


@pytest.mark.parametrize("argv", [["--within", "-5"], ["--within=-1"], ["--within", "soon"]])
def test_status_within_must_be_days_ahead(acme, capsys, argv):
    with pytest.raises(SystemExit) as exit_:
        main(["--root", str(acme), "status", *argv])
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert "policygen status: error: argument --within: " in err and "is not a number of days: give a whole number, 0 or more" in err
    assert "Traceback" not in err
    assert main(["--root", str(acme), "status", "--within", "0"]) == 0


HOSTILE_TEXT = (
    '<script>alert(1)</script> <b onclick="x()">bold</b> [y](javascript:alert(1)) [z](jav&#x61;script:x) '
    "<javascript:alert(2)> ![img](http://example.org/a.png) [ok](https://www.nhs.uk) `<kept>`"
)


def test_markdown_output_is_inert_like_the_others(acme, capsys):
    """Opened in a Markdown viewer (which obeys raw HTML), the .md runs nothing and fetches nothing."""
    from markdown_it import MarkdownIt

    edit(acme, "text: It applies to all staff; see {ref:intro}.", "text: " + json.dumps(HOSTILE_TEXT))
    assert main(["--root", str(acme), "build", "-f", "md", "-f", "html"]) == 0
    md = (acme / "build" / "acme" / "social-media.md").read_text(encoding="utf-8")
    viewed = MarkdownIt("commonmark").render(md)  # html on, as viewers have it
    assert "<script" not in viewed and "<b " not in viewed and "<img" not in viewed
    assert 'href="javascript:' not in viewed and "href=\"jav" not in viewed
    assert '<a href="https://www.nhs.uk">ok</a>' in viewed and "<code>&lt;kept&gt;</code>" in viewed
    # The reader sees the same characters the HTML shows.
    html = (acme / "build" / "acme" / "social-media.html").read_text(encoding="utf-8")
    for shown in ("&lt;script&gt;alert(1)&lt;/script&gt;", "[y](javascript:alert(1))", "&lt;javascript:alert(2)&gt;"):
        assert shown in viewed and shown in html


UNKNOWN_ORG = "no organisation 'acmee' under organisations/ (did you mean 'acme'?)"
UNKNOWN_POLICY = "no policy 'social-medai' in organisations/acme/ (did you mean 'social-media'?)"


@pytest.mark.parametrize(
    "argv, message",
    [
        (["build", "acmee"], UNKNOWN_ORG),
        (["build", "acme/social-medai"], UNKNOWN_POLICY),
        (["validate", "acmee"], UNKNOWN_ORG),
        (["validate", "acme/social-medai"], UNKNOWN_POLICY),
        (["status", "acmee"], UNKNOWN_ORG),
        (["status", "acme/social-medai"], UNKNOWN_POLICY),
        (["review", "acmee/social-media", "--dry-run"], UNKNOWN_ORG),
        (["review", "acme/social-medai", "--dry-run"], UNKNOWN_POLICY),
        (["diff", "acmee/social-media", "HEAD"], UNKNOWN_ORG),
        (["diff", "acme/social-medai", "HEAD"], UNKNOWN_POLICY),
        (["compare", "--orgs", "acmee"], UNKNOWN_ORG),
        (["compare", "social-medai"], "no organisation has a policy of kind or id 'social-medai' (did you mean 'social-media'?)"),
        (["textconv", "build/acme/social-media.mdx"], "no file 'build/acme/social-media.mdx' (did you mean 'social-media.md'?)"),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else "",
)
def test_unknown_name_is_the_same_usage_error_everywhere(acme, capsys, monkeypatch, argv, message):
    monkeypatch.chdir(acme)  # textconv takes a path as the user typed it
    before = snapshot(acme)
    code, err = _run(acme, capsys, *argv)
    assert code == 2
    assert err.splitlines() == [f"policygen {argv[0]}: {message}"]
    assert snapshot(acme) == before


def test_no_command_lists_the_commands(capsys):
    from policygen.cli import COMMANDS

    assert main([]) == 0
    out, err = capsys.readouterr()
    assert not err
    for command in COMMANDS:
        assert re.search(rf"^    {command} +\w", out, re.M), out


def test_thousands_of_keys_given_twice_are_capped(acme, capsys):
    path = acme / POLICY_PATH
    path.write_text(POLICY + "notes:\n" + "".join(f"  n{i % 5000}: x\n" for i in range(10_000)), encoding="utf-8")
    first = POLICY.count("\n") + 1 + 5001  # the first key given again
    code, err = _run(acme, capsys, "validate")
    assert code == 1
    assert len(err.splitlines()) == 52, err  # 50 listed, the count, the total
    assert re.search(rf"^{POLICY_FILE}:{first}: notes\.n0: key given twice, at lines {first - 5000} and {first}; keep one$", err, re.M), err
    assert re.search(rf"^{POLICY_FILE}:{first + 50}: notes\.n50: and 4950 more problems in this file, not listed; fix those above first$", err, re.M), err


def test_a_folder_named_like_a_policy_is_not_one(acme, capsys):
    (acme / "organisations" / "acme" / "drafts.yaml").mkdir()
    code, err = _run(acme, capsys, "validate")
    assert code == 0, err
