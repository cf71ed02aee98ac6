"""The library site knows models: an adopter's page says how it differs from its model (what
`policygen drift` prints, with the word diff as <del>/<ins> named for screen readers) and links
the model; the model's page lists its adopters; escaped, byte-reproducible, axe-clean, 320 px."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from models_project import write_with_local
from policygen.cli import main

REASON = "The ICB's policy group reviews every policy on its own cycle."
MARKUP_REASON = "Reviewed by <b>the ICB</b> & its group."  # data, never markup


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = write_with_local(tmp_path_factory.mktemp("site-models"))
    southbay = root / "organisations" / "southbay" / "social-media.yaml"
    southbay.write_text(southbay.read_text(encoding="utf-8").replace(REASON, f'"{MARKUP_REASON}"'), encoding="utf-8")
    assert main(["--root", str(root), "build", "--quiet"]) == 0
    return root / "build"


def _page(site: Path, org: str) -> str:
    return (site / org / "social-media" / "index.html").read_text(encoding="utf-8")


def test_the_adopters_page_says_how_it_differs_from_its_model(site):
    page = _page(site, "southbay")
    assert '<dt>Adopts</dt><dd>the model Model Social Media Policy, version 2.0: <a href="#drift">how it differs from its model</a></dd>' in page
    assert ('adopts <a href="../../model-nhs/social-media/index.html">Model Social Media Policy</a> (Model NHS Policies), version 2.0.'
            " The model's current version is 2.0.</p>") in page
    assert "<li><strong>purpose: as model</strong></li>" in page
    assert "<strong>scope: as model again</strong>: replaced with the model's own words" in page
    assert "<strong>managers: added</strong> (after duties): Managers make sure their staff have read this policy." in page
    assert ("Staff must not <del><span class=\"visually-hidden\">[the model's words: </span>share confidential information online."
            '<span class="visually-hidden">]</span></del><ins><span class="visually-hidden">[its own words: </span>'
            "post anything that could identify a patient.") in page
    assert "<strong>policy-review: removed</strong>. Why: Reviewed by &lt;b&gt;the ICB&lt;/b&gt; &amp; its group.</li>" in page
    assert "<b>the ICB</b>" not in page


def test_the_models_page_lists_its_adopters_and_a_local_policy_has_neither(site):
    page = _page(site, "model-nhs")
    assert '<h2 id="adopters">Adopted by</h2>' in page and 'id="drift"' not in page
    assert ('<li><a href="../../northfield/social-media/index.html">Northfield Social Media Policy</a> (Northfield Community Health NHS Trust),'
            ' <a href="../../northfield/social-media/index.html#drift">how it differs from this model</a></li>') in page
    assert page.index("northfield/social-media/index.html") < page.index("southbay/social-media/index.html")
    assert (site / "northfield" / "social-media" / "index.html").is_file()
    local = _page(site, "eastvale")
    assert "Adopted by" not in local and "differs from its model" not in local


def test_a_rebuild_writes_the_same_pages(site, tmp_path):
    before = {org: _page(site, org) for org in ("model-nhs", "northfield", "southbay")}
    assert main(["--root", str(site.parent), "build", "--force", "--quiet"]) == 0
    assert {org: _page(site, org) for org in before} == before


def test_the_pages_pass_axe_and_reflow_at_320_pixels(site, tmp_path):
    from browser import Browser, axe_source, find_chromium

    chromium = find_chromium()
    if chromium is None:
        pytest.skip("Chromium is not installed (apt-get install chromium): the pages cannot be checked in a real browser")
    found = {}
    with Browser(chromium) as browser:
        for org in ("southbay", "model-nhs"):
            for width in (1280, 320):
                browser.open((site / org / "social-media" / "index.html").as_uri(), width=width)
                if width == 320:
                    wide = browser.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                    assert wide <= 0, f"{org} scrolls sideways by {wide}px at 320px"
                browser.evaluate(axe_source())
                found[(org, width)] = json.loads(browser.evaluate(
                    "axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify(r.violations.map(v => v.id)))",
                    await_promise=True))
                browser.screenshot(tmp_path / f"{org}-{width}.png", height=1400)
    assert all(v == [] for v in found.values()), found
