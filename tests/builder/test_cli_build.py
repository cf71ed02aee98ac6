"""`policygen validate` and `build` on the shipped organisations, as a user runs them."""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser

import pytest

from conftest import ROOT, SHIPPED_POLICIES
from policygen.cli import main


def test_validate_shipped_data_exits_zero(capsys):
    assert main(["--root", str(ROOT), "validate"]) == 0
    assert f"{len(SHIPPED_POLICIES)} policies valid" in capsys.readouterr().out


def test_build_writes_one_html_per_organisation(built):
    outputs = sorted(p.relative_to(built / "build").as_posix() for p in (built / "build").glob("*/*.html"))
    site_pages = sorted({f"{policy.split('/')[0]}/index.html" for policy in SHIPPED_POLICIES})  # the library site's
    assert outputs == sorted(["compare/social-media.html", *site_pages, *(f"{policy}.html" for policy in SHIPPED_POLICIES)])


def test_build_can_be_narrowed_to_one_organisation_and_format(project, capsys):
    assert main(["--root", str(project), "build", "lchs", "--format", "html"]) == 0
    assert [p.name for p in (project / "build").iterdir() if p.is_dir()] == ["lchs"]
    assert main(["--root", str(project), "build", "eput/social-media"]) == 0
    assert sorted(p.name for p in (project / "build").iterdir() if p.is_dir()) == ["eput", "lchs"]


def test_unchanged_rebuild_is_byte_identical_and_untouched(project, capsys):
    assert main(["--root", str(project), "build"]) == 0
    files = sorted(p for p in (project / "build").rglob("*") if p.is_file())
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files}
    capsys.readouterr()
    assert main(["--root", str(project), "build"]) == 0
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files} == before
    out = capsys.readouterr()
    assert "wrote" not in out.out
    # every output but the cache file itself and the search index (build/search.sqlite), the build's bookkeeping
    assert f"0 written, {len(files) - 2} unchanged (0 rendered)" in out.err


def test_console_script_runs_without_traceback(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "policygen", "--root", str(tmp_path), "validate"],
        capture_output=True, text=True,
    )
    assert result.returncode == 1
    assert "no organisations/ folder here" in result.stderr
    assert "Traceback" not in result.stderr


class _Outline(HTMLParser):
    """Collects what accessibility checks look at: headings, lang, tables, ids, links."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.lang = None
        self.ids: list[str] = []
        self.links: list[str] = []
        self.tables_without_headers = 0
        self._table_headers: list[int] = []
        self.external: list[str] = []

    def handle_endtag(self, tag):
        if tag == "table" and self._table_headers.pop() == 0:
            self.tables_without_headers += 1

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self.headings.append(int(tag[1]))
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "a" and a.get("href", "").startswith("#"):
            self.links.append(a["href"][1:])
        if tag == "table":
            self._table_headers.append(0)
        if tag == "th" and self._table_headers:
            self._table_headers[-1] += 1
        for attr in ("src", "href"):  # anything that would make a browser fetch
            if tag in ("img", "link", "script", "iframe") and a.get(attr):
                self.external.append(a[attr])


@pytest.mark.parametrize("policy", SHIPPED_POLICIES)
def test_html_is_accessible_and_self_contained(built, policy):
    outline = _Outline()
    outline.feed((built / "build" / f"{policy}.html").read_text(encoding="utf-8"))
    assert outline.lang == "en-GB"
    assert outline.headings.count(1) == 1 and outline.headings[0] == 1
    for prev, cur in zip(outline.headings, outline.headings[1:]):
        assert cur <= prev + 1, f"heading level skips from h{prev} to h{cur}"
    assert len(outline.ids) == len(set(outline.ids)), "duplicate anchors"
    assert set(outline.links) <= set(outline.ids), "a contents or cross-reference link goes nowhere"
    assert outline.tables_without_headers == 0, "every table needs header cells"
    assert outline.external == [], "the page must not load anything from outside"


@pytest.mark.parametrize("policy", SHIPPED_POLICIES)
def test_every_clause_has_its_stable_id_as_anchor(built, policy):
    from ruamel.yaml import YAML

    from policygen.model import Policy
    from policygen.model.walk import iter_blocks

    model = Policy.model_validate(YAML(typ="safe").load((ROOT / "organisations" / f"{policy}.yaml").read_text()))
    outline = _Outline()
    outline.feed((built / "build" / f"{policy}.html").read_text(encoding="utf-8"))
    ids = {item.block.id for item in iter_blocks(model)}
    assert ids <= set(outline.ids)


def test_two_builds_in_different_folders_are_byte_identical(built, tmp_path, capsys):
    from conftest import copy_project

    other = copy_project(tmp_path / "elsewhere")
    assert main(["--root", str(other), "build"]) == 0
    files = sorted(p.relative_to(built / "build") for p in (built / "build").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(other / "build") for p in (other / "build").rglob("*") if p.is_file())
    for rel in files:
        assert (built / "build" / rel).read_bytes() == (other / "build" / rel).read_bytes(), f"{rel} differs"


def test_changing_one_policy_rewrites_only_its_outputs(project, capsys):
    assert main(["--root", str(project), "build"]) == 0
    capsys.readouterr()
    path = project / "organisations" / "focus" / "social-media.yaml"
    path.write_text(path.read_text().replace("reasonable", "limited", 1))
    assert main(["--root", str(project), "build"]) == 0
    wrote = sorted(line.split()[1] for line in capsys.readouterr().out.splitlines() if line.startswith("wrote"))
    # its documents, its page on the library site (their sizes), the comparison, the search index
    assert wrote and all(w.startswith(("build/focus/social-media.", "build/focus/social-media/")) for w in wrote
                         if not w.startswith(("build/compare/", "build/pagefind/")))
    assert "build/compare/social-media.html" in wrote  # focus's clause text is on the comparison page too
