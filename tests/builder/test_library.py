"""A library beyond the seeds: several organisations, several policy ids each, some shared.

Built once (every format) beside the five shipped organisations, then read back
as a user would: the register links every document, each policy id held by two
or more organisations gets a comparison page whose links land on real anchors,
and the commands that take the whole library list all of it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import SHIPPED_POLICIES, copy_project
from html_links import links
from library import KINDS, POLICIES, held_by, write_library
from policygen.cli import main

FORMATS = ("html", "pdf", "docx", "md")


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    root = write_library(copy_project(tmp_path_factory.mktemp("library")))
    assert main(["--root", str(root), "build", "--quiet"]) == 0
    return root


def all_policies() -> list[tuple[str, str]]:
    return [(org, pol) for org, pols in POLICIES.items() for pol in pols] + [tuple(p.split("/")) for p in SHIPPED_POLICIES]


def test_every_policy_of_every_organisation_is_built_in_every_format(library):
    for org, pol in all_policies():
        for fmt in FORMATS:
            assert (library / "build" / org / f"{pol}.{fmt}").stat().st_size > 0, f"{org}/{pol}.{fmt}"


def test_the_register_links_every_document_and_every_comparison(library):
    index = library / "build" / "index.html"
    hrefs = links(index).hrefs
    for org, pol in all_policies():
        for fmt in FORMATS:
            assert f"{org}/{pol}.{fmt}" in hrefs
    for href in hrefs:
        if not href.startswith("#"):  # the skip link
            assert (library / "build" / href).is_file(), f"the register links {href}, which was not built"
    compared = sorted({h for h in hrefs if h.startswith("compare/")})  # linked under its kind and in the list of comparisons
    assert compared == ["compare/information-governance.html", "compare/safeguarding.html", "compare/social-media.html"]
    page = index.read_text(encoding="utf-8")
    assert "Information Governance and Data Security Policy" in page and "Health and Safety Policy" in page


def test_a_comparison_page_for_each_kind_two_policies_hold_and_none_for_the_rest(library):
    pages = sorted(p.stem for p in (library / "build" / "compare").glob("*.html"))
    shared = sorted(KINDS[pid] for pid, orgs in held_by().items() if len(orgs) > 1)
    assert pages == sorted([*shared, "social-media"])
    assert "records-management" not in pages and "health-and-safety" not in pages


# Each kind's policies, whatever their ids: OpenSAFELY's data access policy is information governance too.
COMPARED = {
    "information-governance": ["northfield/information-governance.html", "opensafely/data-access.html", "southbay/information-governance.html"],
    "safeguarding": ["northfield/safeguarding-adults.html", "westmoor/safeguarding-adults.html"],
}


@pytest.mark.parametrize("kind", sorted(COMPARED))
def test_each_comparison_links_only_its_policies_and_every_link_lands(library, kind):
    page = library / "build" / "compare" / f"{kind}.html"
    targets: dict[Path, set[str]] = {}
    for href in links(page).hrefs:
        if href.startswith("../"):
            file, _, anchor = href[3:].partition("#")
            targets.setdefault(library / "build" / file, set()).add(anchor)
    assert sorted(p.relative_to(library / "build").as_posix() for p in targets) == COMPARED[kind]
    for file, anchors in targets.items():
        missing = anchors - {""} - links(file).ids
        assert not missing, f"{page.name} links {sorted(missing)} that {file.parent.name}/{file.name} does not have"
    # the anchors a shared block id has in each organisation's page are told apart by the file
    assert sum(1 for f, a in targets.items() if "purpose" in a and f.parent.name != "opensafely") == 2


def test_status_and_validate_cover_the_whole_library(library, capsys):
    assert main(["--root", str(library), "status", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)["policies"]
    assert sorted((r["org"], r["policy"]) for r in rows) == sorted(all_policies())
    assert main(["--root", str(library), "validate"]) == 0
    assert f"{len(all_policies())} policies valid" in capsys.readouterr().out


def test_compare_on_the_command_line_reads_a_kind_whatever_the_ids(library, capsys):
    assert main(["--root", str(library), "compare", "information-governance", "-f", "csv", "--no-page"]) == 0
    header, *rows = capsys.readouterr().out.splitlines()
    assert header == "topic_id,topic,northfield,opensafely,southbay,covered_by"  # opensafely's is data-access
    roles = next(r for r in rows if r.startswith("accountable-roles,"))
    assert re.fullmatch(r"accountable-roles,[^,]+,3\.1,,3\.1,2", roles)
    # the rows are the kind's topics only: no social media topic shows as a gap for both
    assert not any(r.startswith("personal-use,") for r in rows) and any(r.startswith("security,") for r in rows)


def test_compare_asked_about_a_topic_of_another_kind_says_so(library, capsys):
    assert main(["--root", str(library), "compare", "information-governance", "--topic", "personal-use", "--no-page"]) == 2
    assert "--topic: 'personal-use' is a topic of social-media, not of information-governance" in capsys.readouterr().err


def test_accept_suggestions_says_what_it_wrote_and_reports_ties(tmp_path, capsys):
    root = write_library(copy_project(tmp_path))
    northfield = root / "organisations" / "northfield"
    before = {p: p.read_bytes() for p in (root / "organisations").rglob("*.yaml")}
    assert main(["--root", str(root), "compare", "--accept-suggestions", "--no-page"]) == 0
    err = capsys.readouterr().err.splitlines()
    # a clear suggestion is written, and the file it went into is named
    assert "northfield/safeguarding-adults.yaml: training-staff (NCHT 4.1): topics: [training] (similarity 0.75)" in err
    assert "wrote organisations/northfield/safeguarding-adults.yaml: 1 clause tagged" in err
    # two topics as likely as each other: a tie, reported as one and left for the author
    tie = next(line for line in err if line.startswith("northfield/information-governance.yaml: confidential-breaches"))
    assert "tie between information-risk and responsibilities" in tie and "left untagged" in tie
    assert "Information governance: 0 clauses tagged, 2 left untagged" in err
    assert "Social media: every clause has a topic, nothing written" in err
    changed = {p for p, data in before.items() if p.read_bytes() != data}
    assert changed == {northfield / "safeguarding-adults.yaml"}
    text = (northfield / "safeguarding-adults.yaml").read_text(encoding="utf-8")
    assert "topics: [training]" in text and "topics: []" not in text  # the empty list filled in, in place
