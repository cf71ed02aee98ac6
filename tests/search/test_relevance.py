"""Search finds the clause a user asks for in other words than the clause's own (search/related.py).

Each case is a query a governance officer might type, written from a shipped policy
(or the test library) in words the clause does not use, and the clause it should
find among the first few hits. The library is the shipped organisations beside the
test library (tests/library.py), so the other organisations' clauses compete.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from acme import ORG, POLICY
from conftest import copy_project, scratch_project
from library import write_library
from policygen.cli import main
from policygen.search.related import FUNCTION_WORDS, stems
from policygen.search.spelling import WORD


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    return write_library(copy_project(tmp_path_factory.mktemp("relevance")))


def search(root: Path, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--root", str(root), "search", *args])
    out, err = capsys.readouterr()
    return code, out, err


def hits(root: Path, capsys, query: str) -> dict:
    code, out, err = search(root, capsys, query, "--format", "json", "--limit", "0")
    assert code == 0, err
    return json.loads(out)


# (query, expected clause as org/policy#block, must be within the first n)
CASES = [
    ("pictures of patients", "swlccg/social-media#patient-images", 1),  # "images containing patient information"
    ("abusive comments", "eput/social-media#nothing-offensive", 1),  # "offensive, including discriminatory comments, insults"
    ("abusive comments", "cpss/social-media#definitions-list", 3),  # "offensive, intimidating … bullying … negative comments"
    ("sharing logins", "cpss/social-media#secure-it", 3),  # "not sharing passwords"
    ("personal profiles of employees", "focus/social-media#personal-use-guidance", 1),  # "focus staff in a personal capacity … a personal profile"
    ("clients commenting about the service", "focus/social-media#concerns-about-public-comments", 3),  # "service users … comment on the services"
    ("leaking confidential information", "lchs/social-media#confidential-information", 1),  # "must not disclose information … sensitive or confidential"
    ("who approves an official account", "swlccg/social-media#no-unauthorised-sites", 3),  # "without the authorisation of … an official site"
    ("fake names", "eput/social-media#no-anonymity", 1),  # "anonymously, using pseudonyms or false screen names"
    ("how do I tell GDS about a security bug", "gds/security-notice#notice-scope", 3),  # "how vulnerabilities should be reported to GDS"
    ("which licence for software", "strategy-unit/open-source#licences", 1),  # "MIT or GPL licences for code"
    ("anonymised patient information", "opensafely/data-access#secure-analytics-service", 3),  # "pseudonymised and de-identified patient data"
    ("bullying at events", "turing-way/code-of-conduct#unacceptable-examples", 1),  # "intimidation … insults … at any project event"
    # the test library: other kinds of policy
    ("how long to retain files", "southbay/records-management#purpose", 1),  # "Records are kept for as long as the retention schedule says"
    ("hazard assessment", "westmoor/health-and-safety#risk-assess", 1),  # "assess the risks of each service"
    ("notify the safeguarding lead of abuse", "westmoor/safeguarding-adults#concerns-tell", 1),  # "Tell the Safeguarding Lead about … abuse"
    ("worry about abuse", "northfield/safeguarding-adults#reporting-concern", 3),  # "suspects that an adult is being abused" (heading: Raising a concern)
    ("leaking personal information", "northfield/information-governance#confidential-breaches", 3),  # "loss or disclosure of personal information"
    ("sharing logins", "southbay/information-governance#security-passwords", 1),  # "Passwords must not be shared"
]


@pytest.mark.parametrize("query, expected, within", CASES, ids=[f"{q} → {e}" for q, e, _ in CASES])
def test_a_clause_asked_for_in_other_words_is_among_the_first_hits(library, capsys, query, expected, within):
    data = hits(library, capsys, query)
    found = [f"{h['organisation']}/{h['policy']}#{h['id']}" for h in data["hits"]]
    assert expected in found[:within], found[:5]
    # the query is in other words: some word of it (a function word aside) is not in the clause in any form
    hit = data["hits"][found.index(expected)]
    typed = [w for w in WORD.findall(query) if w.lower() not in FUNCTION_WORDS]
    assert set(stems(typed)) - set(stems(WORD.findall(hit["heading"] or "") + WORD.findall(hit["text"])))
    assert data["also_searched"]


def test_every_organisation_has_a_case():
    organisations = {p.parent.name for p in Path("organisations").glob("*/organisation.yaml")}
    assert organisations <= {expected.split("/")[0] for _, expected, _ in CASES}


@pytest.mark.parametrize("query", ["zebra crossings", "pictures of laptops"])
def test_words_with_no_related_meaning_together_still_find_nothing(library, capsys, query):
    code, out, err = search(library, capsys, query)
    assert (code, out) == (1, "")
    assert err.startswith(f"policygen search: no clause matches {query!r}")


@pytest.fixture
def two_ways(tmp_path) -> Path:
    """One clause in the user's words, one in other words, the other-words one first in the document."""
    policy = POLICY + """\
  - id: images
    title: Images
    blocks:
      - id: other-words
        text: Images of service users are never posted.
      - id: as-typed
        text: Photographs of patients are never posted.
      - id: unrelated
        text: Photographs of the building may be posted.
"""
    return scratch_project(tmp_path, ORG, policy)


def test_the_clause_saying_it_as_typed_ranks_above_one_saying_it_in_other_words(two_ways, capsys):
    data = hits(two_ways, capsys, "photographs of patients")
    assert [h["id"] for h in data["hits"]] == ["as-typed", "other-words"]
    assert data["also_searched"] == {"photographs": ["photo", "image", "picture", "video", "selfie"],
                                     "patients": ["service user", "client"]}
    # the heading "Images" matches too (the heading's words come first)
    assert [h["matched_words"] for h in data["hits"]] == [["images", "photographs", "patients"], ["images", "service users"]]


def test_a_match_by_a_related_word_is_marked_and_the_listing_says_what_else_was_searched(two_ways, capsys):
    code, out, _ = search(two_ways, capsys, "photographs", "of", "patients")
    assert code == 0
    assert out.startswith("also searched: photo, image, picture, video, selfie for photographs; service user, client for\n"
                          "  patients\n\n1. acme/social-media")
    assert "[Photographs] of [patients] are never posted." in out
    assert "[Images] of [service users] are never posted." in out


def test_a_phrase_in_quotes_is_searched_for_as_typed(two_ways, capsys):
    data = hits(two_ways, capsys, '"photographs of patients"')
    assert [h["id"] for h in data["hits"]] == ["as-typed"]
    assert data["also_searched"] == {}
    assert [h["id"] for h in hits(two_ways, capsys, "photograph*")["hits"]] == ["as-typed", "unrelated"]  # a prefix too
