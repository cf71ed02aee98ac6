"""The library site: build/ published as it is, with a page per organisation and per policy and a search.

Built once (every format) from the shipped organisations and the made-up library beside
them, one policy given a longer version history, an overdue review and two redlines, then
read back as a reader would: every link lands, each policy page lists its downloads with
their sizes and every version newest first, and in Chromium the search finds a clause's
words, the pages pass axe and reflow at 320 pixels.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import copy_project
from html_links import links
from library import POLICIES, write_library
from policygen.cli import main
from policygen.render.site import size_text

HISTORY = """\
version_history:
  - version: "0.1"
    date: 2019-06-01
    author: Jo Bloggs
    description: First draft
  - version: "1.0"
    date: 2019-09-12
    author: Jo Bloggs
    sections: All
    description: Approved for use
    approved_by: Information Governance Group
  - version: "2.0"
    date: 2022-01-20
    author: Sam Patel
    sections: "4, 5"
    description: Retention periods updated
    approved_by: Trust Board
"""
IG = ("northfield", "information-governance")
REDLINES = ("information-governance.redline.v1.0-v2.0.html", "information-governance.redline.v0.1-v1.0.html",
            "information-governance.redline.v1.0-v2.0.docx")


def _overdue_with_history(root: Path) -> None:
    """Northfield's IG policy: three versions, reviewed every year from 2022, so overdue; two redlines beside it."""
    path = root / "organisations" / IG[0] / f"{IG[1]}.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'  version: "1\.0"', '  version: "2.0"', text, count=1)
    text = text.replace("    date: 2025-01-15", "    date: 2022-01-20", 1).replace("  issued: 2025-02-01\n", "")
    text = text.replace("  every: 3 years", "  every: 1 year")
    text = re.sub(r"version_history:\n(?:  .*\n)+", HISTORY, text)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = write_library(copy_project(tmp_path_factory.mktemp("site")))
    _overdue_with_history(root)
    (root / "build" / IG[0]).mkdir(parents=True)
    for name in REDLINES:  # as `policygen diff` leaves them
        (root / "build" / IG[0] / name).write_bytes(b"<!DOCTYPE html><title>redline</title>" if name.endswith("html") else b"PK")
    assert main(["--root", str(root), "build", "--quiet"]) == 0
    return root / "build"


def _policies(build: Path) -> list[tuple[str, str]]:
    return sorted({(p.parent.name, p.stem) for p in build.glob("*/*.pdf")})


def _pages(build: Path) -> list[Path]:
    return [build / "index.html", *sorted(build.glob("*/index.html")), *sorted(build.glob("*/*/index.html"))]


def test_a_page_for_every_organisation_and_policy_and_no_broken_link(site):
    policies = _policies(site)
    assert len(policies) >= len([p for ps in POLICIES.values() for p in ps]) + 5
    for org, policy in policies:
        assert (site / org / policy / "index.html").is_file(), f"{org}/{policy} has no page"
        assert (site / org / "index.html").is_file()
    home = links(site / "index.html").hrefs
    for org in {org for org, _ in policies}:
        assert f"{org}/index.html" in home
    for page in _pages(site):
        found = links(page)
        for href in found.hrefs:
            target, _, anchor = href.partition("#")
            assert not urlsplit(href).scheme and not href.startswith("/"), f"{page}: {href} is not relative"
            where = (page.parent / target).resolve() if target else page
            assert where.is_file(), f"{page.relative_to(site)} links {href}, which is not there"
            assert where.is_relative_to(site.resolve())
            if anchor and where.suffix == ".html":
                assert anchor in links(where).ids, f"{page.relative_to(site)}: no #{anchor} in {target or page.name}"


def test_the_home_page_lists_organisations_kinds_and_every_policy_page(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Northfield Community Health NHS Trust" in home
    for label in ("Information governance", "Safeguarding", "Records management", "Health and safety", "Social media"):
        assert f"<h3>{label}</h3>" in home, label
    for org, policy in _policies(site):
        assert f'href="{org}/{policy}/index.html"' in home
    assert '<a class="skip" href="#main">' in home and '<main id="main"' in home


def test_a_policy_page_says_what_it_is_offers_every_format_with_its_size_and_lists_every_version(site):
    page = (site / IG[0] / IG[1] / "index.html").read_text(encoding="utf-8")
    title = "Information Governance Policy"
    assert f"<h1>{title}</h1>" in page
    for fact in ("<dd>Northfield Community Health NHS Trust</dd>", "<dd>Information governance</dd>",
                 "<dd>Policy Committee, 20 January 2022</dd>", "<dd>2.0</dd>", "<dd>approved</dd>"):
        assert fact in page, fact
    for ext, words in (("pdf", "Download the PDF"), ("docx", "Download the Word document"), ("html", "Read the web page"), ("md", "Download the Markdown text")):
        size = size_text((site / IG[0] / f"{IG[1]}.{ext}").stat().st_size)
        assert f'<a href="../{IG[1]}.{ext}">{words} of {title} ({size})</a>' in page
    rows = re.findall(r'<tr><th scope="row">(.*?)</th><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>', page)
    assert rows == [
        ("2.0", "20 January 2022", "Sam Patel", "4, 5 — Retention periods updated", "Trust Board"),
        ("1.0", "12 September 2019", "Jo Bloggs", "All — Approved for use", "Information Governance Group"),
        ("0.1", "1 June 2019", "Jo Bloggs", "First draft", ""),
    ]


def test_each_body_that_approved_or_ratified_a_policy_is_named_with_its_own_date(site):
    # LCHS: approved by its engagement group in November 2020, ratified by the Board in March 2021
    page = (site / "lchs" / "social-media" / "index.html").read_text(encoding="utf-8")
    assert "<dt>Approved by</dt><dd>Stakeholder Engagement and Involvement Group, 18 November 2020</dd>" in page
    assert "<dt>Ratified by</dt><dd>LCHS Trust Board, 9 March 2021</dd>" in page


def test_the_redlines_beside_a_policy_are_listed_newest_first(site):
    page = (site / IG[0] / IG[1] / "index.html").read_text(encoding="utf-8")
    hrefs = [h for h in links(site / IG[0] / IG[1] / "index.html").hrefs if ".redline." in h]
    assert hrefs == [f"../{IG[1]}.redline.v1.0-v2.0.docx", f"../{IG[1]}.redline.v1.0-v2.0.html", f"../{IG[1]}.redline.v0.1-v1.0.html"]
    assert "Changes from version 1.0 to 2.0 (Word document) of Information Governance Policy (2 bytes)" in page


def test_review_states_are_dates_in_words_that_the_page_turns_into_overdue_or_due(site):
    page = (site / IG[0] / IG[1] / "index.html").read_text(encoding="utf-8")
    assert '<span class="state" data-due="2023-01-20">due by 20 January 2023</span>' in page
    org = (site / IG[0] / "index.html").read_text(encoding="utf-8")
    assert 'data-due="2023-01-20">due by 20 January 2023</span>' in org


def test_names_from_the_data_are_escaped(tmp_path):
    root = write_library(copy_project(tmp_path))
    org = root / "organisations" / "westmoor" / "organisation.yaml"
    org.write_text(org.read_text().replace("name: Westmoor Community Interest Company", 'name: "Westmoor <script>alert(1)</script> & Co"'))
    assert main(["--root", str(root), "build", "-f", "html", "--quiet"]) == 0
    for page in (root / "build" / "westmoor" / "index.html", root / "build" / "westmoor" / "health-and-safety" / "index.html"):
        text = page.read_text(encoding="utf-8")
        assert "Westmoor &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in text and "<script>alert" not in text


def test_a_policy_with_errors_gets_no_page_and_the_others_still_do(tmp_path, capsys):
    root = write_library(copy_project(tmp_path))
    bad = root / "organisations" / "southbay" / "records-management.yaml"
    bad.write_text(bad.read_text(encoding="utf-8") + "unknown_field: 1\n", encoding="utf-8")
    assert main(["--root", str(root), "build", "-f", "html", "--quiet"]) == 1
    assert "records-management.yaml" in capsys.readouterr().err
    build = root / "build"
    assert not (build / "southbay" / "records-management").exists()
    assert (build / "southbay" / "information-governance" / "index.html").is_file()
    assert "records-management" not in (build / "southbay" / "index.html").read_text(encoding="utf-8")
    assert "southbay/records-management/" not in (build / "index.html").read_text(encoding="utf-8")


def test_the_search_index_is_written_beside_the_pages_and_fetches_nothing_from_elsewhere(site):
    assert (site / "pagefind" / "pagefind-ui.js").is_file() and (site / "pagefind" / "pagefind-entry.json").is_file()
    assert list((site / "pagefind" / "fragment").glob("*.pf_fragment"))
    home = (site / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'(?:src|href)="(https?:[^"]*)"', home) == []
    assert '<script src="pagefind/pagefind-ui.js">' in home


# --- rebuilding ----------------------------------------------------------------------------


def _snapshot(build: Path) -> dict[str, bytes]:
    return {p.relative_to(build).as_posix(): p.read_bytes() for p in sorted(build.rglob("*")) if p.is_file() and p.name != ".policygen-cache.json"}


@pytest.fixture(scope="module")
def quick(tmp_path_factory) -> Path:
    """The library built in HTML and Markdown only: enough for the site, quick to rebuild."""
    root = write_library(copy_project(tmp_path_factory.mktemp("quick")))
    assert main(["--root", str(root), "build", "-f", "html", "-f", "md", "--quiet"]) == 0
    return root


def test_a_rebuild_from_nothing_gives_the_same_bytes_search_index_included(quick, tmp_path):
    first = _snapshot(quick / "build")
    assert any(k.startswith("pagefind/fragment/") for k in first)
    other = tmp_path / "again"
    shutil.copytree(quick, other, ignore=shutil.ignore_patterns("build"))
    assert main(["--root", str(other), "build", "-f", "html", "-f", "md", "--quiet"]) == 0
    assert _snapshot(other / "build") == first


def test_a_no_op_rebuild_writes_nothing_and_runs_no_search_indexer(quick, capsys, monkeypatch):
    import policygen.builder.site_search as site_search

    before = {p: p.stat().st_mtime_ns for p in (quick / "build").rglob("*") if p.is_file()}
    monkeypatch.setattr(site_search, "search_index", lambda pages: pytest.fail("Pagefind ran on a no-op build"))
    capsys.readouterr()
    assert main(["--root", str(quick), "build", "-f", "html", "-f", "md"]) == 0
    assert "wrote" not in capsys.readouterr().out
    assert {p: p.stat().st_mtime_ns for p in (quick / "build").rglob("*") if p.is_file()} == before


def test_a_no_op_rebuild_imports_no_heavy_module(quick):
    code = (
        "import sys; from policygen.cli import main; "
        f"main(['--root', {str(quick)!r}, 'build', '-f', 'html', '-f', 'md', '--quiet']); "
        "print(' '.join(m for m in ('pagefind', 'asyncio', 'jinja2', 'pydantic') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""


def test_changing_one_clause_rewrites_only_the_pages_that_show_it_and_the_index(quick, capsys):
    path = quick / "organisations" / "southbay" / "records-management.yaml"
    old = _snapshot(quick / "build")
    path.write_text(path.read_text(encoding="utf-8").replace("Records", "Zebra-striped records", 1), encoding="utf-8")
    capsys.readouterr()
    assert main(["--root", str(quick), "build", "-f", "html", "-f", "md"]) == 0
    wrote = sorted(line.split()[1] for line in capsys.readouterr().out.splitlines() if line.startswith("wrote"))
    pages = [w for w in wrote if not w.startswith("build/pagefind/")]
    assert set(pages) <= {"build/southbay/records-management.html", "build/southbay/records-management.md",
                          "build/southbay/records-management/index.html", "build/southbay/index.html", "build/index.html"}
    assert "build/southbay/records-management.html" in pages
    assert any(w.startswith("build/pagefind/") for w in wrote)
    new = _snapshot(quick / "build")
    # the index's old files are gone, not left beside the new ones
    assert all(k in new for k in old if not k.startswith("pagefind/")) and not any(k.startswith("pagefind/") and k not in new for k in new)
    stale = [k for k in old if k.startswith("pagefind/") and k not in new]
    assert stale and not any((quick / "build" / k).exists() for k in stale)


def test_a_new_redline_rewrites_its_policys_page_alone(quick, capsys):
    (quick / "build" / "westmoor" / "health-and-safety.redline.v1.0-v1.1.html").write_text("<!DOCTYPE html><title>r</title>")
    capsys.readouterr()
    assert main(["--root", str(quick), "build", "-f", "html", "-f", "md"]) == 0
    wrote = [line.split()[1] for line in capsys.readouterr().out.splitlines() if line.startswith("wrote")]
    assert [w for w in wrote if not w.startswith("build/pagefind/")] == ["build/westmoor/health-and-safety/index.html"]
    assert "Changes from version 1.0 to 1.1 (web page)" in (quick / "build" / "westmoor" / "health-and-safety" / "index.html").read_text()


def test_an_organisation_named_like_the_search_folder_is_refused(tmp_path, capsys):
    root = write_library(copy_project(tmp_path))
    shutil.move(root / "organisations" / "westmoor", root / "organisations" / "pagefind")
    org = root / "organisations" / "pagefind" / "organisation.yaml"
    org.write_text(org.read_text().replace("id: westmoor", "id: pagefind"))
    assert main(["--root", str(root), "build", "-f", "html", "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "build/pagefind/ holds the search index" in err and "Traceback" not in err


# --- in a browser ----------------------------------------------------------------------------


def _chromium():
    from browser import find_chromium

    chromium = find_chromium()
    if chromium is None:
        pytest.skip("Chromium is not installed (apt-get install chromium): the site cannot be checked in a real browser")
    return chromium


@pytest.fixture(scope="module")
def served(site):
    """The project folder on a static server, so the site is at /build/: published below the server's root."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site.parent)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/build/"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _wait(browser, expression: str, seconds: float = 20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = browser.evaluate(expression)
        if value:
            return value
        time.sleep(0.2)
    return browser.evaluate(expression)


def test_searching_in_the_browser_finds_a_clauses_words_and_links_to_the_policy(served):
    from browser import Browser, axe_source

    with Browser(_chromium()) as browser:
        browser.open(served + "index.html")
        assert _wait(browser, "!!document.querySelector('.pagefind-ui__search-input')"), "the search box did not appear"
        browser.evaluate("(() => { const i = document.querySelector('.pagefind-ui__search-input');"
                         " i.value = 'controls'; i.dispatchEvent(new Event('input', {bubbles: true})); })()")
        found = json.loads(_wait(browser, "(() => { const r = [...document.querySelectorAll('.pagefind-ui__result-link')];"
                                          " return r.length ? JSON.stringify(r.map(a => [a.textContent, a.href])) : ''; })()"))
        assert found, "no results"
        title, href = found[0]
        assert title == "Health and Safety Policy (Westmoor)"
        assert href == urljoin(served, "westmoor/health-and-safety.html")
        assert _axe(browser, axe_source()) == [], "the results are not accessible"
        browser.open(href)
        assert browser.evaluate("document.title").startswith("Health and Safety Policy")


def _axe(browser, axe: str) -> list:
    browser.evaluate(axe)
    found = browser.evaluate(
        "axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify(r.violations.map(v =>"
        " ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))",
        await_promise=True,
    )
    return json.loads(found)


def test_home_organisation_and_policy_pages_pass_axe_and_reflow_at_320_pixels(served, tmp_path):
    from browser import Browser, axe_source

    chromium = _chromium()
    axe = axe_source()
    pages = {"home": "index.html", "organisation": f"{IG[0]}/index.html", "policy": f"{IG[0]}/{IG[1]}/index.html"}
    problems = {}
    with Browser(chromium) as browser:
        for name, rel in pages.items():
            for width in (1280, 320):
                browser.open(served + rel, width=width)
                _wait(browser, "document.readyState === 'complete'")
                if width == 320:
                    wide = browser.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                    assert wide <= 0, f"{name} scrolls sideways by {wide}px at 320px"
                problems[f"{name} at {width}px"] = _axe(browser, axe)
                browser.screenshot(tmp_path / f"{name}-{width}.png", height=1400)
        browser.open(served + pages["policy"])
        state = browser.evaluate("document.querySelector('.state').textContent")
    assert all(v == [] for v in problems.values()), problems
    assert re.fullmatch(r"overdue by \d+ days", state)
