"""policygen search on a library of several organisations and kinds beside the shipped ones."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from acme import ORG, POLICY
from conftest import copy_project, scratch_project
from library import write_library
from policygen.cli import main


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    """The shipped organisations and the test library; no build: search makes its own index."""
    return write_library(copy_project(tmp_path_factory.mktemp("library")))


def search(root: Path, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--root", str(root), "search", *args])
    out, err = capsys.readouterr()
    return code, out, err


def as_json(root: Path, capsys, *args: str) -> list[dict]:
    code, out, _ = search(root, capsys, *args, "--format", "json", "--limit", "0")
    assert code == 0
    return json.loads(out)["hits"]


def where(hits: list[dict]) -> list[str]:
    return [f"{h['organisation']}/{h['policy']} {h['number']}" for h in hits]


def matched(hit: dict) -> list[str]:
    return [hit["text"][s:e] for s, e in hit["matches"]]


def test_a_hit_names_organisation_policy_number_and_heading_with_the_matching_words_marked(library, capsys):
    code, out, err = search(library, capsys, "confidential", "--org", "northfield")
    assert code == 0 and err == ""
    assert "1. northfield/information-governance 4.1 · [Confidentiality]\n" in out
    assert "   Northfield Community Health NHS Trust, Information Governance Policy\n" in out
    assert "Staff must keep patient records [confidential] and share them" in out
    assert "lawfully, securely and [confidentially]." in out  # another form of the word, marked too
    assert out.endswith("4 matching clauses\n")


def test_references_and_roles_read_as_in_the_documents(library, capsys):
    hit = as_json(library, capsys, "disclosure", "--org", "northfield")[0]
    assert hit["text"].endswith("incident; see 3 Duties and responsibilities.")  # {ref:duties}, numbered
    hit = as_json(library, capsys, "suspects", "abused")[0]
    assert "must tell the Named Nurse for Safeguarding Adults the same day" in hit["text"]  # {role:…}


def test_the_better_match_ranks_first(tmp_path, capsys):
    policy = POLICY + """\
  - id: incidents
    title: Incidents
    blocks:
      - id: passing
        text: Managers keep a list of contacts, and note any incident in the weekly summary they send to the board.
      - id: central
        text: Report every incident at once. An incident report names who saw the incident.
"""
    root = scratch_project(tmp_path, ORG, policy)
    assert where(as_json(root, capsys, "incident")) == ["acme/social-media 3.2", "acme/social-media 3.1"]


def test_stemming_finds_other_forms_of_a_word(library, capsys):
    assert {"abuse", "abused"} <= {w for h in as_json(library, capsys, "abusing") for w in matched(h)}
    forms = {w.lower() for h in as_json(library, capsys, "commenting") for w in matched(h)}
    assert {"comments", "comment"} <= forms


@pytest.mark.parametrize("query", ["organisation", "organization"])
def test_british_and_american_spellings_find_each_other(tmp_path, capsys, query):
    policy = POLICY + """\
  - id: spelling
    title: Spelling
    blocks:
      - id: american
        text: The organization's color scheme and behavior guidelines apply at every center.
      - id: british
        text: The organisation's colour scheme and behaviour guidelines apply at every centre.
"""
    root = scratch_project(tmp_path, ORG, policy)
    hits = as_json(root, capsys, query, "colour", "behavior", "centers")
    assert [h["id"] for h in hits] == ["american", "british"]
    assert matched(hits[0]) == ["organization", "color", "behavior", "center"]  # each shown as written
    assert matched(hits[1]) == ["organisation", "colour", "behaviour", "centre"]


def test_a_british_query_finds_american_text_in_the_shipped_policies_and_back(library, capsys):
    assert "behaviour" in {w.lower() for h in as_json(library, capsys, "behavior") for w in matched(h)}
    assert "organisations" in {w.lower() for h in as_json(library, capsys, "organizations") for w in matched(h)}


def test_a_phrase_in_quotes_matches_those_words_together(library, capsys):
    loose = as_json(library, capsys, "personal", "account")
    phrase = as_json(library, capsys, '"personal account"')
    assert 0 < len(phrase) < len(loose)
    assert all(re.search(r"personal\]? \[?account", h["snippet"], re.I) for h in phrase)


def test_filters_by_organisation_and_kind(library, capsys):
    hits = as_json(library, capsys, "training", "--org", "northfield,westmoor")
    assert {h["organisation"] for h in hits} == {"northfield", "westmoor"}
    hits = as_json(library, capsys, "training", "--kind", "safeguarding")
    assert where(hits) == ["northfield/safeguarding-adults 4.1", "westmoor/safeguarding-adults 3.1"]
    assert {h["kind"] for h in hits} == {"safeguarding"}  # westmoor's says so; northfield's id names it


@pytest.mark.parametrize("args, message", [
    (["--org", "nothfield"], "policygen search: no organisation 'nothfield' under organisations/ (did you mean 'northfield'?)\n"),
    (["--kind", "safegaurding"], "policygen search: --kind: no kind 'safegaurding' in vocabulary/topics.yaml or the policies (did you mean 'safeguarding'?)\n"),
])
def test_an_unknown_filter_is_wrong_usage_with_the_nearest_name(library, capsys, args, message):
    assert search(library, capsys, "training", *args) == (2, "", message)


def test_no_hit_exits_1_and_suggests_near_words(library, capsys):
    code, out, err = search(library, capsys, "safegaurding")
    assert (code, out) == (1, "")
    assert err == "policygen search: no clause matches 'safegaurding' (did you mean: safeguarding, regarding?)\n"


def test_words_found_apart_but_never_together_say_so(library, capsys):
    code, _, err = search(library, capsys, "abused", "twitter", "--org", "northfield")
    assert code == 1
    assert err == ("policygen search: no clause matches 'abused twitter' in organisation northfield; "
                   "nothing like 'twitter' was found\n")
    # not "abused records": records' related words (file, document) meet abuse's (intimidation) in turing-way's code of conduct
    code, _, err = search(library, capsys, "abused", "laptops")
    assert (code, err) == (1, "policygen search: no clause matches 'abused laptops'; each word is found on its own, so try fewer words\n")


@pytest.mark.parametrize("query", ['"', "AND OR", "*", "NEAR(", "-", "org:x", "body:training", '"unclosed phrase', 'a"b',
                                   "(", ")", "^start", "NOT", "training AND", "{x y}", "x:", "'", "\\", "training*", "**", "NEAR(a b, 2)"])
def test_hostile_queries_never_crash(library, capsys, query):
    code, out, err = search(library, capsys, query)
    assert code in (0, 1, 2)
    assert "Traceback" not in err and err.count("\n") <= 1
    if code == 2:
        assert err.startswith("policygen search: nothing to search for")


def test_a_column_filter_is_searched_as_words(library, capsys):
    hits = as_json(library, capsys, "patient:records")  # not FTS5's column filter: the phrase "patient records"
    assert [matched(h) for h in hits] == [["patient records"]]
    assert search(library, capsys, "org:northfield")[:2] == (1, "")


def test_json_is_the_same_bytes_every_time_even_from_a_new_index(library, capsys):
    first = search(library, capsys, "staff", "--format", "json")[1]
    assert search(library, capsys, "staff", "--format", "json")[1] == first
    (library / "build" / "search.sqlite").unlink()
    assert search(library, capsys, "staff", "--format", "json")[1] == first
    data = json.loads(first)
    assert data["total"] > 20 and len(data["hits"]) == 20  # --limit's default
    assert [h["score"] for h in data["hits"]] == sorted((h["score"] for h in data["hits"]), reverse=True)


def test_help_says_what_the_exit_codes_mean(capsys):
    with pytest.raises(SystemExit):
        main(["search", "--help"])
    assert "1 with none" in " ".join(capsys.readouterr().out.split())


def test_on_a_terminal_the_matching_words_are_bold_not_bracketed(library, capsys, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    code, out, _ = search(library, capsys, "confidential", "--org", "northfield", "--limit", "1")
    assert code == 0
    assert "keep patient records \x1b[1;33mconfidential\x1b[0m and share" in out
    assert "[confidential]" not in out and "\x02" not in out
    assert "4.1 · \x1b[1;33mConfidentiality\x1b[0m" in out


def test_policy_text_that_looks_like_markup_is_printed_as_written(tmp_path, capsys, monkeypatch):
    policy = POLICY + """\
  - id: markup
    title: Markup
    blocks:
      - id: brackets
        text: "Write [bold]escalation[/bold] and <b>escalation</b> as you like."
"""
    root = scratch_project(tmp_path, ORG, policy)
    code, out, _ = search(root, capsys, "escalation", "--format", "json")
    assert json.loads(out)["hits"][0]["text"] == "Write [bold]escalation[/bold] and <b>escalation</b> as you like."
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    code, out, _ = search(root, capsys, "escalation")
    assert "Write [bold]\x1b[1;33mescalation\x1b[0m[/bold] and <b>\x1b[1;33mescalation\x1b[0m</b> as you like." in out


def test_without_organisations_or_with_build_blocked_it_says_so_in_one_line(tmp_path, capsys):
    code, out, err = search(tmp_path, capsys, "anything")
    assert (code, out) == (1, "")
    assert err.splitlines()[0].endswith("organisations: no organisations/ folder here; run from a policygen project or pass --root")
    root = scratch_project(tmp_path / "p", ORG, POLICY)
    (root / "build").write_text("not a folder")
    code, out, err = search(root, capsys, "accounts")
    assert (code, out) == (1, "")
    assert err == "policygen search: cannot write build (a file stands where a folder is needed); what was there before is left as it was\n"
    assert (root / "build").read_text() == "not a folder"


def test_a_long_clause_is_cut_where_it_shows_the_most_of_the_words_matched(library, capsys):
    hits = as_json(library, capsys, "negative", "comments", "--org", "swlccg")
    assert len(hits[0]["text"]) > 400
    assert "[negative]" in hits[0]["snippet"] and "[comments]" in hits[0]["snippet"]
    assert hits[0]["snippet"].startswith("… ") and hits[0]["snippet"].endswith(" …")
