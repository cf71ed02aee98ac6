"""policygen compare: the coverage matrix on the shipped data, outputs, suggestions, the page and its accessibility."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from browser import axe_source as _axe_source
from conftest import ROOT, copy_project
from html_links import links
from policygen.cli import main
from policygen.compare import compare
from policygen.load.document import Loader
from policygen.validate.checked import load_and_check
from policygen.project import Project

ORGS = ["cpss", "eput", "focus", "lchs", "swlccg"]


@pytest.fixture(scope="module")
def shipped():
    project = Project(ROOT)
    checked = load_and_check(project, None)
    assert not checked.errors
    # The shipped social media policies; organisations captured from other kinds of policy are not compared with them.
    documents = [d for d in checked.documents if d.model.id == "social-media"]
    return compare(documents, Loader(project).vocabulary())


def cells(cmp, topic):
    return {o: [u.cite for u in cmp.cell(o, topic)] for o in ORGS if cmp.cell(o, topic)}


# --- the true cells, checked against the seeds ---------------------------------------------------


def test_only_eput_covers_complaints_from_the_public(shipped):
    # EPUT 7.0 COMPLIMENTS AND COMPLAINTS (7.1-7.4) and the Complaints Policy in its related policies (9.0).
    # focus 9.2 is staff reporting the public's comments for removal: raising concerns, not complaints handling.
    assert cells(shipped, "public-complaints") == {"eput": ["7.1", "7.2", "7.3", "7.4", "9.0"]}


def test_only_eput_covers_whistleblowing(shipped):
    assert cells(shipped, "whistleblowing") == {"eput": ["5.1.5"]}


def test_all_five_cover_official_accounts(shipped):
    got = cells(shipped, "official-accounts")
    assert sorted(got) == ORGS
    assert "Process for establishing/deleting CPSS social media accounts" in got["cpss"]
    assert got["focus"] == ["6.1", "6.3"]  # focus's official accounts; only CBUCP staff post for focus
    assert {"2.3", "2.4"} <= set(got["eput"])  # corporate profile; the request form
    assert {"6.1", "6.7", "6.8", "7.3"} <= set(got["lchs"])
    assert {"5.3 ¶1", "5.3 ¶2"} <= set(got["swlccg"])


def test_other_cells_true_to_the_seeds(shipped):
    assert cells(shipped, "safeguarding") == {"swlccg": ["5.1"]}  # "Respect safeguarding issues"
    assert cells(shipped, "fraud") == {"lchs": ["10.1"]}
    assert cells(shipped, "training") == {"lchs": ["9.1", "9.2"], "swlccg": ["4.2"]}
    assert cells(shipped, "identity-pseudonyms")["swlccg"] == ["5.4"]  # "Communicate as yourself"
    assert sorted(shipped.covered_by("personal-views")) == ORGS  # focus 4.3: "which 'hat' they are wearing"
    assert "cpss" not in shipped.covered_by("confidentiality")
    assert shipped.gaps("swlccg") == [
        "whistleblowing", "public-complaints", "security", "conflicts-of-interest", "fraud", "values",
    ]  # SWL CCG 5 ¶6 is privacy settings, not IT security


def test_every_clause_of_the_five_has_a_topic(shipped):
    assert [o.org_id for o in shipped.orgs] == ORGS
    assert all(len(o.units) >= 25 for o in shipped.orgs)
    assert shipped.untagged == []


def test_unnumbered_clauses_are_cited_by_their_section_or_heading(shipped):
    swl = shipped.org("swlccg")
    assert swl.unit("official-accounts-managed").cite == "5.3 ¶1"  # SWL CCG numbers sections, not clauses
    assert swl.unit("scope-who").cite == "2"
    cpss = shipped.org("cpss")
    assert cpss.unit("permanence-past-posts").cite == "Assume permanence ¶2"  # CPSS numbers nothing
    assert shipped.org("eput").unit("responsible-use-guidelines").cite == "5.1"  # a section with lead text


def test_similar_pairs_across_organisations_carry_their_score(shipped):
    pairs = {(p.a, p.b): p.score for p in shipped.similar("official-accounts")}
    # LCHS 6.8 and SWL CCG 5.3 ¶2 both forbid sites made to resemble an official site.
    assert pairs[(("lchs", "no-imitation-sites"), ("swlccg", "no-unauthorised-sites"))] >= 0.5
    assert all(a[0] != b[0] for a, b in pairs)
    assert all(shipped.min_score <= s <= 1 for s in pairs.values())


# --- the command -----------------------------------------------------------------------------------


def run(capsys, *args):
    code = main(["--root", str(ROOT), "compare", *args, "--no-page"])
    out, err = capsys.readouterr()
    return code, out, err


def test_terminal_table_shows_gaps_and_the_gap_summary(capsys):
    code, out, _ = run(capsys, "social-media")
    assert code == 0
    line = next(l for l in out.splitlines() if l.startswith("Whistleblowing"))
    assert re.search(r"\|\s*gap\s*\|\s*5\.1\.5\s*\|\s*gap\s*\|\s*gap\s*\|\s*gap\s*\|\s*1 of 5", line), line
    assert "Every clause has at least one topic." in out


def test_csv_matrix(capsys):
    code, out, _ = run(capsys, "social-media", "--format", "csv")
    assert code == 0
    rows = {r["topic_id"]: r for r in csv.DictReader(io.StringIO(out))}
    assert rows["whistleblowing"] == {
        "topic_id": "whistleblowing", "topic": "Whistleblowing",
        "cpss": "", "eput": "5.1.5", "focus": "", "lchs": "", "swlccg": "", "covered_by": "1",
    }
    assert rows["official-accounts"]["covered_by"] == "5"
    assert rows["official-accounts"]["focus"] == "6.1; 6.3"


def test_csv_clauses_and_markdown_narrowed_by_topic_and_orgs(capsys):
    code, out, _ = run(capsys, "social-media", "--topic", "whistleblowing", "--orgs", "eput,lchs", "-f", "csv", "--show", "clauses")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["organisation"], r["clause"]) for r in rows] == [("eput", "5.1.5"), ("lchs", "")]
    assert rows[0]["text"].startswith("All staff should be aware that the Public Interest Disclosure Act 1998")

    code, out, _ = run(capsys, "social-media", "--topic", "public-complaints", "-f", "markdown")
    assert code == 0
    assert "| Complaints from the public | **gap** | 7.1; 7.2; 7.3; 7.4; 9.0 | **gap** | **gap** | **gap** | 1 of 5 |" in out
    assert "> If a member of the public raises a concern or makes a complaint" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--topic", "whistleblow"], "no topic 'whistleblow' in vocabulary/topics.yaml (did you mean 'whistleblowing'?)"),
        (["--orgs", "eptu"], "no organisation 'eptu' under organisations/ (did you mean 'eput'?)"),
        (["social-medai"], "no organisation has a policy of kind or id 'social-medai' (did you mean 'social-media'?)"),
        (["social-media", "--show", "matrix,clauses", "-f", "csv"], "CSV holds one table"),
    ],
)
def test_wrong_usage_exits_2_with_a_suggestion(capsys, args, message):
    code, out, err = run(capsys, *args)
    assert code == 2
    assert message in err
    assert out == ""


def test_help_stays_fast_without_scikit_learn():
    code = (
        "import sys, contextlib, io\n"
        "from policygen.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try: main(['compare', '--help'])\n"
        "    except SystemExit: pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sklearn', 'numpy', 'scipy', 'pydantic')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# --- a new organisation ------------------------------------------------------------------------------

NEW_ORG = """\
# yaml-language-server: $schema=../../schema/organisation.schema.json
id: newlpc
name: New Local Pharmaceutical Committee
short_name: NLPC
referred_to_as: the committee
type: lpc
"""

NEW_POLICY = """\
# yaml-language-server: $schema=../../schema/policy.schema.json
id: social-media
document_control:
  title: Social Media Policy
sections:
  - id: accounts
    title: Our accounts
    blocks:
      - id: official
        topics: [official-accounts, account-setup]
        text: Only the chief officer may open or close {org}'s accounts. <script>alert(1)</script>
      - id: speaking-up
        topics: [whistleblowing]
        text: Raise a concern through our whistleblowing policy before you post about it.
"""


@pytest.fixture
def with_new_org(project: Path) -> Path:
    org = project / "organisations" / "newlpc"
    org.mkdir()
    (org / "organisation.yaml").write_text(NEW_ORG, encoding="utf-8")
    (org / "social-media.yaml").write_text(NEW_POLICY, encoding="utf-8")
    return project


def test_a_new_organisation_with_two_clauses_shows_in_the_matrix(with_new_org, capsys):
    assert main(["--root", str(with_new_org), "compare", "social-media", "-f", "csv"]) == 0
    out, err = capsys.readouterr()
    rows = {r["topic_id"]: r for r in csv.DictReader(io.StringIO(out))}
    assert list(rows["scope"]) == ["topic_id", "topic", *ORGS[:4], "newlpc", "swlccg", "covered_by"]
    assert rows["whistleblowing"]["newlpc"] == "1.2" and rows["whistleblowing"]["eput"] == "5.1.5"
    assert rows["whistleblowing"]["covered_by"] == "2"
    assert rows["official-accounts"]["newlpc"] == "1.1" and rows["official-accounts"]["covered_by"] == "6"
    assert rows["scope"]["newlpc"] == ""  # a gap
    assert "wrote build/compare/social-media.html" in err

    page = (with_new_org / "build" / "compare" / "social-media.html").read_text(encoding="utf-8")
    assert '<a href="../newlpc/social-media.html#speaking-up"><span class="visually-hidden">NLPC </span>1.2</a>' in page
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


UNTAGGED = NEW_POLICY.replace(
    "        topics: [whistleblowing]\n        text: Raise a concern",
    "        topics: []\n        text: Raise a concern",
).replace(
    "      - id: speaking-up",
    "      - id: complaints\n"
    "        text: If a member of the public makes a complaint on social media, staff do not respond but refer "
    "the person to the complaints team and PALS.\n"
    "      - id: speaking-up",
)


def test_untagged_clauses_get_suggestions_with_scores_and_nothing_is_written(with_new_org, capsys):
    path = with_new_org / "organisations" / "newlpc" / "social-media.yaml"
    path.write_text(UNTAGGED, encoding="utf-8")
    assert main(["--root", str(with_new_org), "compare", "social-media", "--show", "suggestions", "-f", "csv", "--no-page"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    best = {}
    for r in rows:
        best.setdefault(r["clause_id"], r)
    assert set(best) == {"complaints", "speaking-up"}
    assert best["complaints"]["suggested_topic"] == "public-complaints"
    assert best["complaints"]["like_organisation"] == "eput"
    assert 0.2 < float(best["complaints"]["score"]) <= 1
    assert best["speaking-up"]["suggested_topic"] in ("whistleblowing", "raising-concerns")
    assert path.read_text(encoding="utf-8") == UNTAGGED  # shown, never applied unasked


def test_accept_suggestions_writes_only_topic_lines(with_new_org, capsys):
    path = with_new_org / "organisations" / "newlpc" / "social-media.yaml"
    path.write_text(UNTAGGED, encoding="utf-8")
    assert main(["--root", str(with_new_org), "compare", "--accept-suggestions", "--show", "matrix"]) == 0
    err = capsys.readouterr().err
    assert "newlpc/social-media.yaml: complaints (NLPC 1.2): topics: [public-complaints] (similarity" in err
    # speaking-up is most like EPUT's whistleblowing clause, tagged with two topics: a tie, left alone
    assert "speaking-up (NLPC 1.3): tie between raising-concerns and whistleblowing" in err
    after = path.read_text(encoding="utf-8").splitlines()
    before = UNTAGGED.splitlines()
    added = [line for line in after if line not in before]
    # one line added after `- id: complaints`; nothing else changed
    assert len(after) == len(before) + 1 and added == ["        topics: [public-complaints]"]
    assert [line for line in before if line not in after] == []
    assert main(["--root", str(with_new_org), "validate", "newlpc"]) == 0
    capsys.readouterr()
    assert main(["--root", str(with_new_org), "compare", "social-media", "--show", "suggestions", "-f", "csv", "--no-page"]) == 0
    still_untagged = {r["clause_id"] for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert still_untagged == {"speaking-up"}


# --- the page ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built_with_page(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("compared"))
    assert main(["--root", str(root), "build", "--format", "html"]) == 0
    assert main(["--root", str(root), "compare", "--show", "matrix"]) == 0
    return root


def test_every_link_on_the_page_lands_on_an_anchor(built_with_page):
    build = built_with_page / "build"
    page = links(build / "compare" / "social-media.html")
    assert len(page.hrefs) > 400
    assert page.fetches == []  # self-contained: nothing is loaded from anywhere
    targets: dict[Path, set[str]] = {}
    for href in page.hrefs:
        if href.startswith(("https:", "http:", "mailto:")):
            continue  # links written in the policies' own text
        file, _, anchor = href.partition("#")
        target = (build / "compare" / file).resolve() if file else build / "compare" / "social-media.html"
        if target not in targets:
            targets[target] = links(target).ids
        assert not anchor or anchor in targets[target], href


def test_rerun_leaves_the_page_untouched_and_a_narrowed_page_is_not_written(built_with_page, capsys):
    page = built_with_page / "build" / "compare" / "social-media.html"
    before = (page.read_bytes(), page.stat().st_mtime_ns)
    assert main(["--root", str(built_with_page), "compare", "--orgs", "lchs", "--show", "matrix"]) == 0
    assert "unchanged build/compare/social-media.html" in capsys.readouterr().err
    assert (page.read_bytes(), page.stat().st_mtime_ns) == before

    from policygen.compare.page import render_pages

    project = Project(built_with_page)
    docs = load_and_check(project, ["lchs"]).documents
    assert render_pages(project, docs) == []  # a build of one organisation keeps the full comparison


# --- accessibility in a real browser -------------------------------------------------------------------


def test_comparison_page_has_no_axe_violations_in_chromium(built_with_page, tmp_path, capsys):
    from browser import Browser, find_chromium

    chromium = find_chromium()
    if chromium is None:
        pytest.skip("Chromium is not installed (apt-get install chromium): the page cannot be checked in a real browser")
    axe = _axe_source()
    page = built_with_page / "build" / "compare" / "social-media.html"
    # The same page with a sixth organisation whose clauses have no topic: the suggestions table too.
    other = copy_project(tmp_path)
    (other / "organisations" / "newlpc").mkdir()
    (other / "organisations" / "newlpc" / "organisation.yaml").write_text(NEW_ORG, encoding="utf-8")
    (other / "organisations" / "newlpc" / "social-media.yaml").write_text(UNTAGGED, encoding="utf-8")
    assert main(["--root", str(other), "compare", "--show", "matrix"]) == 0
    capsys.readouterr()
    with_suggestions = other / "build" / "compare" / "social-media.html"
    assert "Suggested topics for clauses with none" in with_suggestions.read_text(encoding="utf-8")
    with Browser(chromium) as browser:  # one browser start for every check
        results = {}
        for name, url, width in (
            ("desktop", page.as_uri(), 1280),
            ("phone", page.as_uri(), 390),
            ("with suggestions", with_suggestions.as_uri(), 1280),
        ):
            browser.open(url, width=width)
            assert browser.evaluate("document.title").startswith("Social media")
            browser.evaluate(axe)
            found = browser.evaluate(
                "axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify({"
                "version: axe.version, violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
                " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))}))",
                await_promise=True,
            )
            results[name] = json.loads(found)
    for name, result in results.items():
        assert result["violations"] == [], f"axe-core {result['version']}, {name}: {result['violations']}"
