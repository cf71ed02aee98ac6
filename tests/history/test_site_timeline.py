"""The timeline on each policy page of the library site: every version from git, with its dates, approvers,
summary, its own page and the redline from the version before.

A project kept in git with fixed dates and authors (tests/history/history_repo.py): the acme social
media policy in three versions, 2.0 approved in January and in force from March, 3.0 approved but
in force only from 2036; a data protection policy committed once. Built with `policygen build` as a
user would, then read back: the page, the version pages, the redlines, a rebuild, a no-op rebuild,
the same project outside git, and in Chromium (axe, 320 pixels, the script's "not yet in force").
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest

from acme import ORG, POLICY
from conftest import scratch_project
from history_repo import commit, edit, review, start
from html_links import links
from policygen.cli import main

PAGE = "acme/social-media/index.html"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("timeline") / "p"
    root.mkdir()
    scratch_project(root, ORG, POLICY)
    other = POLICY.replace("id: social-media", "id: data-protection").replace("Social Media Policy", "Data Protection Policy")
    (root / "organisations/acme/data-protection.yaml").write_text(other, encoding="utf-8")
    start(root, "2024-01-10")
    policy = root / "organisations/acme/social-media.yaml"
    edit(policy, "It applies to all staff", "It applies to every member of staff")
    review(root, "acme/social-media", "--version", "2.0", "--date", "2025-01-10", "--approved-by", "Trust Board",
           "--effective", "2025-03-01", "--description", "Scope widened", "--sections", "2.1 reworded")
    commit(root, "2.0 approved", "2025-01-10", who="Jo Bloggs")
    edit(policy, "runs our accounts", "runs the <trust's> accounts")
    review(root, "acme/social-media", "--version", "3.0", "--date", "2026-01-12", "--approved-by", "Board & Council",
           "--effective", "2036-03-01", "--description", "Accounts <named>")
    commit(root, "3.0 approved", "2026-01-12")
    assert main(["--root", str(root), "build", "--quiet"]) == 0
    return root


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _timeline(root: Path, page: str = PAGE) -> list[str]:
    """Each version's entry on the page, as text, newest first."""
    html = (root / "build" / page).read_text(encoding="utf-8")
    section = re.search(r'<ol class="timeline">(.*?)</ol>', html, re.S)
    assert section, "no timeline on the page"
    return [_text(item) for item in re.findall(r"<li>\s*<h3>(.*?)</li>\s*(?=<li>\s*<h3>|$)", section[1], re.S)]


def test_the_policy_page_lists_every_version_newest_first_with_dates_approvers_and_summary(project):
    third, second, first = _timeline(project)
    assert third.startswith("Version 3.0 Approved 12 January 2026, in force from 1 March 2036 Approved 12 January 2026 by Board & Council")
    assert "What changed Accounts <named>" in third
    assert second.startswith("Version 2.0 In force from 1 March 2025 to 1 March 2036 Approved 10 January 2025 by Trust Board")
    assert "What changed Scope widened (2.1 reworded)" in second
    assert first.startswith("Version 1.0 In force from 1 February 2024 to 1 March 2025 Approved 10 January 2024 by Policy Group")
    html = (project / "build" / PAGE).read_text(encoding="utf-8")
    assert 'data-starts="2036-03-01"' in html and "Accounts &lt;named&gt;" in html  # the browser says if it has come; data escaped
    (only,) = _timeline(project, "acme/data-protection/index.html")
    assert only.startswith("Version 1.0 Approved 10 January 2024, in force from 1 February 2024")  # committed before it started


def test_every_link_lands_and_each_version_page_says_when_it_was_in_force(project):
    page = project / "build" / PAGE
    hrefs = [h for h in links(page).hrefs if h.startswith("../social-media.")]
    assert sorted({h.split("/")[-1] for h in hrefs}) == [
        "social-media.changes.v1.0-v2.0.html", "social-media.changes.v2.0-v3.0.html", "social-media.docx", "social-media.html",
        "social-media.md", "social-media.pdf",
        "social-media.redline.v1.0-v2.0.docx", "social-media.redline.v1.0-v2.0.html",
        "social-media.redline.v2.0-v3.0.docx", "social-media.redline.v2.0-v3.0.html",
        "social-media.v1.0.html", "social-media.v2.0.html", "social-media.v3.0.html"]
    assert all((page.parent / h).resolve().is_file() for h in hrefs)
    assert 'id="redlines"' not in page.read_text(encoding="utf-8")  # the timeline links each redline: not listed twice
    version = {v: _text((project / f"build/acme/social-media.v{v}.html").read_text(encoding="utf-8")) for v in ("1.0", "2.0", "3.0")}
    assert "Version 1.0, in force from 1 February 2024 to 1 March 2025" in version["1.0"]
    assert "It applies to all staff" in version["1.0"] and "every member of staff" in version["2.0"]
    assert "Version 3.0, approved 12 January 2026, in force from 1 March 2036" in version["3.0"]
    assert "runs the <trust's> accounts" in version["3.0"]
    assert "Version 1.0, approved 10 January 2024, in force from 1 February 2024" in _text((project / "build/acme/data-protection.v1.0.html").read_text(encoding="utf-8"))
    from docx import Document

    redline = Document(str(project / "build/acme/social-media.redline.v1.0-v2.0.docx"))
    assert "every member of staff" in " ".join(p.text for p in redline.paragraphs) or redline.element.xml.count("w:ins") > 0


def _snapshot(build: Path) -> dict[str, bytes]:
    return {p.relative_to(build).as_posix(): p.read_bytes() for p in sorted(build.rglob("*")) if p.is_file() and p.name != ".policygen-cache.json"}


def test_a_rebuild_from_nothing_gives_the_same_bytes(project, tmp_path):
    other = tmp_path / "again"
    shutil.copytree(project, other, ignore=shutil.ignore_patterns("build"))
    assert main(["--root", str(other), "build", "--quiet"]) == 0
    assert _snapshot(other / "build") == _snapshot(project / "build")


def _count_processes(monkeypatch) -> list:
    started = []
    real = subprocess.Popen.__init__

    def spy(self, args, *rest, **kw):
        started.append(args)
        real(self, args, *rest, **kw)

    monkeypatch.setattr(subprocess.Popen, "__init__", spy)
    return started


def test_a_no_op_rebuild_writes_nothing_and_starts_no_git(project, monkeypatch, capsys):
    before = {p: p.stat().st_mtime_ns for p in (project / "build").rglob("*") if p.is_file()}
    started = _count_processes(monkeypatch)
    assert main(["--root", str(project), "build"]) == 0
    assert "wrote" not in capsys.readouterr().out
    assert started == []
    assert {p: p.stat().st_mtime_ns for p in (project / "build").rglob("*") if p.is_file()} == before


def test_a_new_commit_renders_no_past_version_again(project, tmp_path, monkeypatch):
    import policygen.history.pages as pages

    root = tmp_path / "next"
    shutil.copytree(project, root)
    edit(root / "organisations/acme/data-protection.yaml", "runs our accounts", "runs our two accounts")
    commit(root, "a correction of the data protection policy", "2026-02-01")
    rendered = []
    real = pages.render_span
    monkeypatch.setattr(pages, "render_span", lambda p, span, f: rendered.append(span.version) or real(p, span, f))
    assert main(["--root", str(root), "build", "-f", "html", "--quiet"]) == 0
    assert rendered == ["1.0"]  # the corrected policy's only version; the social media policy's three are kept
    assert "runs our two accounts" in (root / "build/acme/data-protection.v1.0.html").read_text(encoding="utf-8")


def test_outside_git_the_pages_have_no_timeline_and_no_git_runs(project, tmp_path, monkeypatch):
    root = tmp_path / "copy"
    shutil.copytree(project, root, ignore=shutil.ignore_patterns("build", ".git"))
    started = _count_processes(monkeypatch)
    assert main(["--root", str(root), "build", "-f", "html", "--quiet", "--jobs", "1"]) == 0
    assert not [a for a in started if "git" in str(a)]
    assert 'id="timeline"' not in (root / "build" / PAGE).read_text(encoding="utf-8")
    assert not list((root / "build/acme").glob("*.v*.html"))


# --- in a browser ----------------------------------------------------------------------------


def test_the_timeline_passes_axe_reflows_at_320_pixels_and_says_what_is_not_yet_in_force(project, tmp_path):
    from browser import Browser, axe_source, find_chromium

    chromium = find_chromium()
    if chromium is None:
        pytest.skip("Chromium is not installed (apt-get install chromium): the page cannot be checked in a real browser")
    import json

    axe = axe_source()
    url = (project / "build" / PAGE).as_uri()
    with Browser(chromium) as browser:
        for width in (1280, 320):
            browser.open(url, width=width)
            if width == 320:
                wide = browser.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                assert wide <= 0, f"the page scrolls sideways by {wide}px at 320px"
            browser.evaluate(axe)
            found = json.loads(browser.evaluate(
                "axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify(r.violations.map(v => v.id)))",
                await_promise=True))
            assert found == [], f"axe at {width}px: {found}"
            browser.screenshot(tmp_path / f"timeline-{width}.png", height=1600)
        assert browser.evaluate("document.querySelector('[data-starts]').textContent") == "(not yet in force)"


def test_without_the_git_program_the_site_is_built_without_timelines(project, tmp_path, monkeypatch):
    root = tmp_path / "nogit"
    shutil.copytree(project, root, ignore=shutil.ignore_patterns("build"))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert main(["--root", str(root), "build", "-f", "html", "--quiet", "--jobs", "1"]) == 0
    assert 'id="timeline"' not in (root / "build" / PAGE).read_text(encoding="utf-8")
