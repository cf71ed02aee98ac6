"""Comparisons by kind of policy, whatever the file ids: a library (tests/library.py) reshaped so that

- information governance is ``northfield/information-governance`` (no ``kind:``, its id names it)
  beside ``southbay/ig-policy`` (``kind: information-governance``);
- safeguarding is ``northfield/safeguarding-adults`` beside westmoor's ``safeguarding-adults`` and
  ``safeguarding-children``: two policies of one kind in one organisation, two columns;
- records management and health and safety are held by one policy each.
"""

from __future__ import annotations

import csv
import json
import io
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from html_links import links
from library import write_library
from policygen.cli import main

CHILDREN = """\
# yaml-language-server: $schema=../../schema/policy.schema.json
id: safeguarding-children
document_control:
  title: Safeguarding Children Policy
  reference: WE-SAC-01
  version: "1.0"
  approved:
    body: Policy Committee
    date: 2025-01-15
  issued: 2025-02-01
review:
  every: 3 years
version_history:
  - version: "1.0"
    date: 2025-02-01
    description: New policy
sections:
  - id: aims
    title: Aims
    blocks:
      - id: purpose
        topics: [purpose, safeguarding-children]
        text: "{org} keeps the children and young people who use its services safe from harm."
  - id: concerns
    title: What to do if you are worried
    blocks:
      - id: concerns-tell
        topics: [making-referrals]
        text: "Tell the {role:safeguarding-lead} about any suspicion that a child is being abused on the day it arises."
      - id: concerns-record
        text: "Write down what the child said, in the child's own words, and keep the record confidential."
"""


def make_library(root: Path) -> Path:
    for name in ("templates", "vocabulary", "schema"):
        shutil.copytree(ROOT / name, root / name)
    write_library(root)
    orgs = root / "organisations"
    ig = orgs / "northfield" / "information-governance.yaml"
    ig.write_text(ig.read_text(encoding="utf-8").replace("kind: information-governance\n", ""), encoding="utf-8")
    southbay = orgs / "southbay" / "information-governance.yaml"
    (orgs / "southbay" / "ig-policy.yaml").write_text(
        southbay.read_text(encoding="utf-8").replace("id: information-governance\n", "id: ig-policy\n"), encoding="utf-8")
    southbay.unlink()
    (orgs / "westmoor" / "safeguarding-children.yaml").write_text(CHILDREN, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    return make_library(tmp_path_factory.mktemp("kinds"))


def run(capsys, root: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--root", str(root), "compare", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def matrix(capsys, root: Path, *args: str) -> list[list[str]]:
    code, out, err = run(capsys, root, *args, "-f", "csv", "--no-page")
    assert code == 0, err
    return list(csv.reader(io.StringIO(out)))


def test_the_library_validates(library, capsys):
    assert main(["--root", str(library), "validate"]) == 0, capsys.readouterr().err


def test_policies_of_one_kind_are_compared_whatever_their_file_ids(library, capsys):
    rows = matrix(capsys, library, "information-governance")
    assert rows[0] == ["topic_id", "topic", "northfield", "southbay", "covered_by"]
    by_topic = {r[0]: r for r in rows[1:]}
    assert by_topic["purpose"][2:] == ["1.1", "1.1", "2"]
    assert by_topic["security"][2:] == ["", "4.1", "1"]


def test_a_policy_id_stands_for_its_kind(library, capsys):
    assert matrix(capsys, library, "ig-policy") == matrix(capsys, library, "information-governance")


def test_two_policies_of_one_kind_in_one_organisation_are_two_labelled_columns(library, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # the terminal table on one line
    rows = matrix(capsys, library, "safeguarding")
    assert rows[0] == ["topic_id", "topic", "northfield", "westmoor/safeguarding-adults", "westmoor/safeguarding-children", "covered_by"]
    by_topic = {r[0]: r for r in rows[1:]}
    assert by_topic["safeguarding-children"][2:] == ["", "", "1.1", "1"]
    assert by_topic["making-referrals"][2:] == ["3.1", "2.1", "2.1", "3"]

    code, out, err = run(capsys, library, "safeguarding", "--show", "matrix,similar", "--no-page")
    assert code == 0, err
    header = next(line for line in out.splitlines() if line.startswith("Topic"))
    assert re.search(r"NCHT\s*\|\s*Westmoor: Adult Safeguarding Policy\s*\|\s*Westmoor: Safeguarding Children Policy", header), header
    # gaps and similar pairs are per column: the two westmoor policies are compared with each other too
    assert "Westmoor: Adult Safeguarding Policy: Scope, Children and young people" in out
    assert "Westmoor: Safeguarding Children Policy: Scope, Training, Adults at risk" in out
    assert re.search(r"Westmoor: Adult Safeguarding Policy 2\.1\s+~\s+Westmoor: Safeguarding Children Policy 2\.1", out), out


def test_orgs_still_filters_by_organisation(library, capsys):
    rows = matrix(capsys, library, "safeguarding", "--orgs", "westmoor")
    assert rows[0][2:-1] == ["westmoor/safeguarding-adults", "westmoor/safeguarding-children"]
    assert matrix(capsys, library, "safeguarding", "--orgs", "northfield")[0][2:-1] == ["northfield"]


def test_a_kind_one_policy_holds_is_compared_when_named(library, capsys):
    rows = matrix(capsys, library, "records-management")
    assert rows[0][2:-1] == ["southbay"]
    code, _, err = run(capsys, library, "finance")
    assert code == 2 and "no organisation has a policy of kind 'finance'; kinds held: health-and-safety, information-governance" in err


def test_without_an_argument_each_kind_two_policies_hold_is_compared(library, capsys):
    code, out, err = run(capsys, library, "--no-page")
    assert code == 0, err
    titles = re.findall(r"^(\S[^:\n]*): the clauses of each organisation", out, re.M)
    assert titles == ["Information governance", "Safeguarding"]


def test_accept_suggestions_edits_each_columns_own_file(tmp_path, capsys):
    root = make_library(tmp_path)
    children = root / "organisations" / "westmoor" / "safeguarding-children.yaml"
    adults = root / "organisations" / "westmoor" / "safeguarding-adults.yaml"
    before = adults.read_bytes()
    code, _, err = run(capsys, root, "safeguarding", "--accept-suggestions")
    assert code == 0, err
    assert "westmoor/safeguarding-children.yaml: concerns-record (Westmoor: Safeguarding Children Policy 2.2): topics: [" in err
    assert "      - id: concerns-record\n        topics: [" in children.read_text(encoding="utf-8")
    assert adults.read_bytes() == before  # westmoor's adults policy has every clause tagged


def test_the_build_writes_one_page_per_kind_two_policies_hold_linked_from_the_register(tmp_path, capsys):
    root = make_library(tmp_path)
    assert main(["--root", str(root), "build", "-f", "html", "--quiet"]) == 0, capsys.readouterr().err
    pages = sorted(p.name for p in (root / "build" / "compare").iterdir())
    assert pages == ["information-governance.html", "safeguarding.html"]  # records management, health and safety: one each
    index = (root / "build" / "index.html").read_text(encoding="utf-8")
    assert '<a href="compare/safeguarding.html">Compare the safeguarding policies of every organisation</a>' in index
    assert '<a href="compare/information-governance.html">Compare the information governance policies of every organisation</a>' in index
    # and under its kind's heading, beside the policies it compares
    kinds = index[index.index('<h2 id="kinds">'):index.index('id="register"')]
    under = {part.split("</h3>")[0]: part for part in kinds.split("<h3>")[1:]}
    assert '<p><a href="compare/safeguarding.html">Compare the safeguarding policies' in under["Safeguarding"]
    assert "compare/" not in under["Records management"]

    page = (root / "build" / "compare" / "safeguarding.html").read_text(encoding="utf-8")
    assert "<title>Safeguarding: clauses compared across organisations</title>" in page
    assert "<h4>Westmoor: Safeguarding Children Policy</h4>" in page and "<h4>NCHT</h4>" in page
    for href in links(root / "build" / "compare" / "safeguarding.html").hrefs:
        if not href.startswith("#"):
            assert (root / "build" / "compare" / href.split("#")[0]).resolve().is_file(), href
    assert 'href="../westmoor/safeguarding-children.html#concerns-tell"' in page
    ig = (root / "build" / "compare" / "information-governance.html").read_text(encoding="utf-8")
    assert 'href="../southbay/ig-policy.html#purpose"' in ig and 'href="../northfield/information-governance.html#purpose"' in ig


def test_a_policy_with_no_kind_and_an_id_naming_none_is_one_located_error(tmp_path, capsys):
    root = make_library(tmp_path)
    policy = root / "organisations" / "southbay" / "ig-policy.yaml"
    policy.write_text(policy.read_text(encoding="utf-8").replace("kind: information-governance\n", ""), encoding="utf-8")
    assert main(["--root", str(root), "validate"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert re.search(r"^organisations/southbay/ig-policy\.yaml:1: kind: declares no kind and its id 'ig-policy' names none: "
                     r"add `kind:` with one of social-media, information-governance, .*open-source$", err, re.M), err
    code, _, err = run(capsys, root, "information-governance")
    assert code == 1 and "organisations/southbay/ig-policy.yaml:1: kind:" in err
    assert not (root / "build").exists()


def test_the_page_with_two_columns_of_one_organisation_has_no_axe_violations(tmp_path, capsys):
    from browser import Browser, find_chromium
    from test_compare import _axe_source

    chromium = find_chromium()
    if chromium is None:
        pytest.skip("Chromium is not installed (apt-get install chromium): the page cannot be checked in a real browser")
    root = make_library(tmp_path)
    assert main(["--root", str(root), "build", "-f", "html", "--quiet"]) == 0, capsys.readouterr().err
    page = root / "build" / "compare" / "safeguarding.html"
    assert "Suggested topics for clauses with none" in page.read_text(encoding="utf-8")
    with Browser(chromium) as browser:
        results = {}
        for width in (1280, 320):
            browser.open(page.as_uri(), width=width)
            assert browser.evaluate("document.title") == "Safeguarding: clauses compared across organisations"
            browser.evaluate(_axe_source())
            results[width] = json.loads(browser.evaluate(
                "axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify(r.violations.map(v => v.id)))",
                await_promise=True,
            ))
    assert results == {1280: [], 320: []}


def test_nothing_to_compare_is_said_in_one_line(library, tmp_path, capsys):
    code, _, err = run(capsys, library, "records-management", "--orgs", "westmoor")
    assert code == 2 and err == "policygen compare: none of westmoor has a policy of kind 'records-management'\n"
    alone = tmp_path / "alone"
    for name in ("templates", "vocabulary"):
        shutil.copytree(ROOT / name, alone / name)
    shutil.copytree(library / "organisations" / "southbay", alone / "organisations" / "southbay")
    code, _, err = run(capsys, alone)
    assert code == 2 and "no kind of policy is held by two or more policies; name one to see its coverage: information-governance, records-management" in err
