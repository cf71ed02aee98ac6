"""Figures and the logo: pictures from the organisation's own folder, in every format."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from PIL import Image

from conftest import scratch_project
from pdf_text import needs_poppler, pdf_text
from policygen.cli import main
from acme import ORG as PLAIN_ORG, POLICY

ORG = PLAIN_ORG + """\
style:
  logo_text: Acme Community Health
  logo: {src: images/logo.svg, alt: Acme logo, fallback: images/logo.png}
"""

FIGURES = """\
  - id: process
    title: Process
    blocks:
      - id: process-intro
        topics: [purpose]
        text: The flow is shown below.
      - id: flow
        topics: [purpose]
        figure: {src: images/flow.png, alt: "Request, then *approval*, then [posting]", caption: "Figure 1: Posting flow"}
      - id: tree
        topics: [purpose]
        figure: {src: images/tree.svg, alt: Decision tree for replies, fallback: images/tree.jpg}
"""

# An SVG that tries to read a local file and to fetch from the network: both must be refused.
HOSTILE_SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="200" height="80">
<rect width="200" height="80" fill="#005eb8"/>
<circle cx="40" cy="40" r="30" fill="#009639"/>
<image href="file:///etc/passwd" width="10" height="10"/>
<image xlink:href="http://127.0.0.1:9/x.png" width="10" height="10"/>
<style>rect { fill: url(http://127.0.0.1:9/paint) }</style>
</svg>
"""
LOGO_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#005eb8"/></svg>\n'


def _bitmap(path: Path, fmt: str, colour: str, size=(240, 120)) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, fmt)
    path.write_bytes(buf.getvalue())


def _pictures(org: Path) -> None:
    _bitmap(org / "images/flow.png", "PNG", "#e8edee")
    _bitmap(org / "images/tree.jpg", "JPEG", "#41b6e6")
    _bitmap(org / "images/logo.png", "PNG", "#005eb8", (120, 40))
    (org / "images/tree.svg").write_text(HOSTILE_SVG, encoding="utf-8")
    (org / "images/logo.svg").write_text(LOGO_SVG, encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("figures")
    scratch_project(root, ORG, POLICY + FIGURES)
    _pictures(root / "organisations/acme")
    assert main(["--root", str(root), "build"]) == 0
    return root / "build/acme"


def _docx_xml(path: Path, part: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(part).decode("utf-8")


def test_html_embeds_each_picture_with_its_alt_text(built):
    html = (built / "social-media.html").read_text(encoding="utf-8")
    figures = re.findall(r'<figure id="(\w+)"><img class="figure" src="data:(image/[\w+]+);base64,[^"]+" alt="([^"]*)">(?:<figcaption>([^<]*)</figcaption>)?</figure>', html)
    assert figures == [
        ("flow", "image/png", "Request, then *approval*, then [posting]", "Figure 1: Posting flow"),
        ("tree", "image/svg+xml", "Decision tree for replies", ""),
    ]
    assert re.search(r'<header class="title-block"><img class="logo" src="data:image/svg\+xml;base64,[^"]+" alt="Acme logo">', html)
    # one self-contained page: nothing points at a file or the network
    assert "file:" not in html and "images/" not in html


@needs_poppler
def test_pdf_shows_the_pictures_tagged_with_their_alt_text(built):
    import pypdf

    pdf = built / "social-media.pdf"
    assert "Figure 1: Posting flow" in pdf_text(pdf)
    alts = []

    def walk(node):
        node = node.get_object()
        if node.get("/S") == "/Figure":
            alts.append(node.get("/Alt"))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            if not isinstance(kid, int) and isinstance(kid.get_object(), dict):
                walk(kid)

    walk(pypdf.PdfReader(pdf).trailer["/Root"]["/StructTreeRoot"])
    # the title block's logo and the two figures; the running header's logo is an artifact
    assert alts == ["Acme logo", "Request, then *approval*, then [posting]", "Decision tree for replies"]


def test_svg_cannot_make_the_pdf_read_a_file_or_fetch(tmp_path, monkeypatch):
    """The hostile SVG's file:// and http:// references reach the fetcher and are refused;
    what is served is the bundled fonts and the document's own pictures only."""
    from weasyprint.urls import URLFetcher

    from policygen.validate.checked import load_and_check
    from policygen.project import Project
    from policygen.render import RenderContext, pdf
    from policygen.resolve import build_view

    refused, served = [], []

    class Recording(pdf.BlockedURL):
        def __init__(self, message):
            refused.append(message.removeprefix("policygen does not fetch "))
            super().__init__(message)

    real_fetch = URLFetcher.fetch
    monkeypatch.setattr(pdf, "BlockedURL", Recording)
    monkeypatch.setattr(URLFetcher, "fetch", lambda self, url, headers=None: served.append(url) or real_fetch(self, url, headers))
    scratch_project(tmp_path, ORG, POLICY + FIGURES)
    _pictures(tmp_path / "organisations/acme")
    project = Project(tmp_path)
    doc = load_and_check(project, ["acme"]).documents[0]
    pdf.render_pdf(build_view(doc.org.model, doc.model, doc.target.org_dir), RenderContext(project.template_dirs("acme")))

    assert {"file:///etc/passwd", "http://127.0.0.1:9/x.png"} <= set(refused)
    assert served and all(u.startswith("data:image/") or (u.startswith("file://") and u.endswith(".ttf")) for u in served)
    assert not any("passwd" in u or u.startswith("http") for u in served)


def test_docx_has_bitmaps_with_alt_text_captions_and_the_logo_in_the_header(built):
    path = built / "social-media.docx"
    body = Document(str(path))
    described = re.findall(r'<wp:docPr id="(\d+)" name="[^"]*" descr="([^"]*)"/>', _docx_xml(path, "word/document.xml"))
    assert [d for _, d in described] == ["Acme logo", "Request, then *approval*, then [posting]", "Decision tree for replies"]
    header = _docx_xml(path, "word/header1.xml")
    (header_id,) = re.findall(r'<wp:docPr id="(\d+)" name="[^"]*" descr="Acme logo"/>', header)
    assert header_id not in {i for i, _ in described}, "drawing ids must be unique"
    captions = [p.text for p in body.paragraphs if p.style.name == "Caption"]
    assert captions == ["Figure 1: Posting flow"]
    with zipfile.ZipFile(path) as z:  # Word gets the SVGs' PNG and JPEG fallbacks, never an SVG
        media = sorted(n.rsplit(".", 1)[1] for n in z.namelist() if n.startswith("word/media/"))
    assert media == ["jpg", "png", "png"]


def test_markdown_links_the_pictures_with_escaped_alt_text(built):
    md = (built / "social-media.md").read_text(encoding="utf-8")
    assert md.startswith("![Acme logo](../../organisations/acme/images/logo.svg)\n")
    assert "![Request\\, then \\*approval\\*\\, then \\[posting\\]](../../organisations/acme/images/flow.png)\n\nFigure 1: Posting flow\n" in md
    assert "![Decision tree for replies](../../organisations/acme/images/tree.svg)\n" in md


def test_a_changed_picture_rebuilds(built, capsys):
    root = built.parent.parent
    before = (built / "social-media.html").read_bytes()
    _bitmap(root / "organisations/acme/images/flow.png", "PNG", "#330072")
    try:
        assert main(["--root", str(root), "build", "-f", "html"]) == 0
        assert (built / "social-media.html").read_bytes() != before
    finally:
        _bitmap(root / "organisations/acme/images/flow.png", "PNG", "#e8edee")
        main(["--root", str(root), "build", "-f", "html"])


FLOW = "figure: {src: images/flow.png, alt: \"Request, then *approval*, then [posting]\", caption: \"Figure 1: Posting flow\"}"
FIGURE_LINE = (POLICY + FIGURES)[: (POLICY + FIGURES).index(FLOW)].count("\n") + 1
FIGURE_LOC = rf"organisations/acme/social-media\.yaml:{FIGURE_LINE}: sections\[2\]\.blocks\[1\]\.figure"


@pytest.mark.parametrize(
    "figure, message",
    [
        ("figure: {src: 'https://example.org/flow.png', alt: Flow}", r"\.src: 'https://example\.org/flow\.png' is a URL"),
        ("figure: {src: 'data:image/png;base64,AAAA', alt: Flow}", r"\.src: 'data:image/png;base64,AAAA' is a URL"),
        ("figure: {src: 'file:///etc/passwd', alt: Flow}", r"\.src: 'file:///etc/passwd' is a URL"),
        ("figure: {src: /etc/flow.png, alt: Flow}", r"\.src: '/etc/flow\.png' is an absolute path"),
        ("figure: {src: images/../../flow.png, alt: Flow}", r"\.src: 'images/\.\./\.\./flow\.png' leads outside"),
        ("figure: {src: images/outside.png, alt: Flow}", r"\.src: 'images/outside\.png' is a link leading outside"),
        ("figure: {src: images/none.png, alt: Flow}", r"\.src: 'images/none\.png' does not exist"),
        ("figure: {src: images/flow.gif, alt: Flow}", r"\.src: 'images/flow\.gif' is not a PNG, JPEG or SVG"),
        ("figure: {src: images/fake.png, alt: Flow}", r"\.src: 'images/fake\.png' is not a PNG file"),
        ("figure: {src: images/flow.png, alt: '  '}", r"\.alt: is empty: say what the picture shows"),
        ("figure: {src: images/flow.png}", r"\.alt: required field is missing"),
        ("figure: {src: images/tree.svg, alt: Tree}", r"\.fallback: 'images/tree\.svg' is an SVG, which Word cannot show"),
        ("figure: {src: images/tree.svg, alt: Tree, fallback: images/logo.svg}", r"\.fallback: 'images/logo\.svg' must be a PNG or JPEG"),
        ("figure: {src: images/flow.png, alt: Flow, fallback: images/tree.jpg}", r"\.fallback: 'images/flow\.png' is already a PNG or JPEG"),
    ],
)
def test_a_bad_figure_is_one_located_line(tmp_path, capsys, figure, message):
    scratch_project(tmp_path, ORG, POLICY + FIGURES.replace(FLOW, figure))
    org = tmp_path / "organisations/acme"
    _pictures(org)
    (org / "images/flow.gif").write_bytes(b"GIF89a")
    (org / "images/fake.png").write_text("<html>not a picture</html>")
    outside = tmp_path / "outside.png"
    _bitmap(outside, "PNG", "#000000")
    (org / "images/outside.png").symlink_to(outside)
    for argv in (["validate"], ["build"]):
        assert main(["--root", str(tmp_path), *argv]) == 1
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert len(re.findall(FIGURE_LOC + message, err)) == 1, err
        assert len([line for line in err.splitlines() if "figure" in line]) == 1, err
    assert not (tmp_path / "build/acme").exists(), "nothing is written for a policy with errors"


def test_a_bad_logo_is_one_located_line(tmp_path, capsys):
    scratch_project(tmp_path, ORG.replace("images/logo.svg, alt: Acme logo", "'http://example.org/logo.svg', alt: Acme logo"), POLICY)
    assert main(["--root", str(tmp_path), "build"]) == 1
    err = capsys.readouterr().err
    assert re.search(r"organisations/acme/organisation\.yaml:\d+: style\.logo\.src: 'http://example\.org/logo\.svg' is a URL", err), err
    assert not (tmp_path / "build/acme").exists()
