"""The PDF: every sentence, right contents page numbers, bookmarks, tags, metadata, reproducible bytes."""

from __future__ import annotations

import re

import pypdf
import pytest

from conftest import ROOT, copy_project
from fidelity import SEED_LIST, SEEDS, fragments, missing_fragments
from pdf_text import needs_poppler, pdf_pages, pdf_reading_text
from policygen.cli import main

ORGS = [s.org for s in SEED_LIST]


def running_strings(view) -> list[str]:
    header = " ".join(filter(None, [view.title, view.reference, f"Version {view.version}" if view.version else None, f"Next review: {view.next_review}" if view.next_review else None]))
    return [header, *filter(None, [view.printed_statement, view.style.footer])]


@needs_poppler
@pytest.mark.parametrize("seed", SEED_LIST, ids=lambda s: s.org)
def test_every_seed_sentence_is_in_the_pdf(built, seed):
    text = pdf_reading_text(seed.output(built, "pdf"), running_strings(_view(seed.org)))
    missing = missing_fragments(seed, text)
    assert not missing, f"{len(missing)} of {len(fragments(seed))} source fragments missing:\n" + "\n".join(missing)


def _view(org):
    from policygen.validate.checked import load_and_check
    from policygen.project import Project
    from policygen.resolve import build_view

    doc = load_and_check(Project(ROOT), [org]).documents[0]
    return build_view(doc.org.model, doc.model)


def _flatten(entries):
    for e in entries:
        yield e
        yield from _flatten(e.children)


@needs_poppler
@pytest.mark.parametrize("org", ORGS)
def test_contents_page_numbers_are_where_sections_start(built, org):
    view = _view(org)
    if "contents" not in view.style.blocks:
        pytest.skip("the policy has no contents list (its source has none)")
    pages = pdf_pages(SEEDS[org].output(built, "pdf"))
    contents_page = next(i for i, p in enumerate(pages) if re.search(r"^\s*Contents\s*$", p, re.M | re.I))
    printed = {}
    for line in pages[contents_page].splitlines():
        m = re.match(r"^\s*(.+?)[ .]*\s(\d+)\s*$", line)
        if m:
            printed[" ".join(m[1].split())] = int(m[2])
    checked = 0
    for entry in _flatten(view.contents):
        label = f"{entry.label} {entry.title}" if entry.label else entry.title
        key = " ".join(label.split())
        if key not in printed:
            continue  # wrapped over two lines; the others still prove the mapping
        heading_page = next(
            i + 1 for i, p in enumerate(pages)
            if i != contents_page and re.search(rf"^\s*{re.escape(key)}\s*$", p, re.M)
        )
        assert printed[key] == heading_page, f"contents says {key!r} is on page {printed[key]}, it starts on {heading_page}"
        checked += 1
    assert checked >= len(list(_flatten(view.contents))) * 0.8


@pytest.mark.parametrize("org", ORGS)
def test_pdf_is_tagged_with_language_title_metadata_and_bookmarks(built, org):
    reader = pypdf.PdfReader(SEEDS[org].output(built, "pdf"))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    view = _view(org)
    meta = reader.metadata
    assert meta.title.startswith(view.title) and meta.author == view.org.name
    assert view.org.name in meta.subject
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    for node in view.sections:
        if node.title:
            assert (f"{node.label} {node.title}" if node.label else node.title) in titles


@needs_poppler
def test_running_footer_has_page_x_of_y_and_the_controlled_statement(built):
    pages = pdf_pages(built / "build" / "swlccg" / "social-media.pdf")
    assert all(f"Page {i} of {len(pages)}" in p for i, p in enumerate(pages, start=1))
    assert all("uncontrolled" in " ".join(p.split()).lower() for p in pages)


def test_pdf_bytes_are_identical_across_builds_and_folders(built, tmp_path):
    other = copy_project(tmp_path)
    assert main(["--root", str(other), "build", "-f", "pdf"]) == 0
    for org in ORGS:
        a = (SEEDS[org].output(built, "pdf")).read_bytes()
        b = (SEEDS[org].output(other, "pdf")).read_bytes()
        assert a == b, f"{org}: PDF differs between two builds"
        assert str(tmp_path).encode() not in b and str(built).encode() not in a


def test_policy_text_cannot_make_the_pdf_fetch_or_read_files(project, capsys):
    path = project / "organisations" / "focus" / "social-media.yaml"
    text = path.read_text()
    text = text.replace("This policy does not form part", "![x](file:///etc/passwd) ![y](http://127.0.0.1:9/x.png) <img src='file:///etc/hostname'> This policy does not form part", 1)
    path.write_text(text)
    assert main(["--root", str(project), "build", "focus", "-f", "pdf"]) == 0
    data = (project / "build" / "focus" / "social-media.pdf").read_bytes()
    assert b"/Subtype /Image" not in data and b"/Subtype/Image" not in data


@needs_poppler
def test_running_header_and_footer_are_artifacts_not_content(built):
    import subprocess

    path = built / "build" / "lchs" / "social-media.pdf"
    tree = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True).stdout
    assert '"Introduction"' in tree or "Introduction" in tree
    assert "Page 2 of" not in tree and "Next review:" not in tree
