"""Policy kinds: the vocabulary's kinds and their topics, and what validation makes of them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, scratch_project
from policygen.cli import main
from policygen.load.document import Loader
from policygen.project import Project
from acme import ORG, POLICY

POLICY_FILE = r"organisations/acme/social-media\.yaml"

# The 36 topics the five shipped policies were tagged from, in the order their comparison lists them.
SOCIAL_MEDIA = """scope definitions responsibilities purpose personal-use business-use official-accounts account-setup
confidentiality patient-information privacy-settings copyright defamation-law respect-harassment safeguarding
photographs-consent identity-pseudonyms personal-views professional-codes whistleblowing raising-concerns
public-complaints monitoring disciplinary training security review equality benefits-risks permanence accuracy
reputation conflicts-of-interest platform-guidance fraud values""".split()

KINDS = """social-media information-governance data-protection records-management health-and-safety hr safeguarding
complaints infection-control it-security finance quality open-source""".split()


def _vocabulary(root: Path = ROOT):
    loader = Loader(Project(root))
    vocabulary = loader.vocabulary()
    assert loader.problems == []
    return vocabulary


def test_the_vocabulary_loads_with_each_topic_declared_once_and_listed_once_per_kind():
    vocabulary = _vocabulary()
    assert vocabulary.kind_ids() == KINDS
    assert len(vocabulary.ids()) == len(set(vocabulary.ids()))
    for kind in vocabulary.kinds:
        ids = vocabulary.topic_ids(kind.id)
        assert len(ids) == len(set(ids)), kind.id
        assert set(vocabulary.shared_ids()) <= set(ids), kind.id
        assert len(ids) - len(vocabulary.shared) >= 10, f"{kind.id} has too few topics of its own to check against"
        assert kind.label and kind.description
    assert all(t.label and t.description for t in vocabulary.topics)


def test_social_media_keeps_the_topics_and_order_the_shipped_five_were_tagged_with():
    assert _vocabulary().topic_ids("social-media") == SOCIAL_MEDIA
    for policy in (ROOT / "organisations").glob("*/social-media.yaml"):
        assert "\nkind: social-media\n" in policy.read_text(encoding="utf-8"), policy


def test_a_topic_declared_twice_is_reported_where_it_is(tmp_path):
    root = scratch_project(tmp_path, ORG, POLICY)
    last = len(_vocabulary().kinds) - 1
    n = len(_vocabulary().kinds[-1].topics)  # the two entries are appended to the last kind's list
    path = root / "vocabulary" / "topics.yaml"
    text = path.read_text(encoding="utf-8") + "      - id: scope\n        label: Scope again\n      - nothing-declared\n"
    path.write_text(text, encoding="utf-8")
    loader = Loader(Project(root))
    assert loader.vocabulary() is not None
    lines = text.splitlines()
    assert [str(p) for p in loader.problems] == [
        f"vocabulary/topics.yaml:{len(lines) - 2}: kinds[{last}].topics[{n}].id: topic 'scope' is declared twice; "
        "declare it once and name it by id where else it is used",
        f"vocabulary/topics.yaml:{len(lines)}: kinds[{last}].topics[{n + 1}]: 'nothing-declared' names no topic declared in this file",
    ]


@pytest.fixture
def acme(tmp_path: Path) -> Path:
    return scratch_project(tmp_path, ORG, POLICY)


def _validate(root: Path, capsys, old: str, new: str) -> tuple[int, str, str]:
    path = root / "organisations" / "acme" / "social-media.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    code = main(["--root", str(root), "validate"])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err, text


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


IG = "kind: information-governance\n"


def test_a_policy_of_a_kind_may_carry_that_kinds_topics_borrowed_ones_and_shared_ones(acme, capsys):
    code, err, _ = _validate(acme, capsys, "kind: social-media\n", IG)
    assert code == 0 and "0 error(s), 1 warning(s)" in err  # the warning: no EIA
    code, err, _ = _validate(acme, capsys, "topics: [scope]", "topics: [scope, information-risk, caldicott-principles, confidentiality]")
    assert code == 0, err


def test_a_topic_of_another_kind_is_an_error_naming_its_kind(acme, capsys):
    _validate(acme, capsys, "kind: social-media\n", IG)
    code, err, text = _validate(acme, capsys, "topics: [scope]", "topics: [scope, personal-use]")
    line = _line_of(text, "personal-use")
    assert code == 1
    assert re.search(
        rf"^{POLICY_FILE}:{line}: sections\[1\]\.blocks\[0\]\.topics\[1\]: 'personal-use' is a topic of social-media, "
        r"not of information-governance \(or add its id to the kind's topics in vocabulary/topics\.yaml\)$", err, re.M), err


def test_a_near_miss_of_the_kinds_own_topic_is_suggested(acme, capsys):
    _validate(acme, capsys, "kind: social-media\n", IG)
    code, err, text = _validate(acme, capsys, "topics: [scope]", "topics: [information-assets, information-risks]")
    assert code == 1
    assert re.search(rf"^{POLICY_FILE}:{_line_of(text, 'information-risks')}: .*'information-risks' is not in vocabulary/topics\.yaml \(did you mean 'information-risk'\?\)$", err, re.M), err


def test_an_unknown_kind_is_an_error_with_a_suggestion_and_its_topics_still_checked_once(acme, capsys):
    code, err, text = _validate(acme, capsys, "kind: social-media\n", "kind: socal-media\n")
    assert code == 1
    assert re.search(rf"^{POLICY_FILE}:{_line_of(text, 'socal')}: kind: 'socal-media' is not a kind in vocabulary/topics\.yaml \(did you mean 'social-media'\?\)$", err, re.M), err
    assert "1 error(s)" in err  # its topics are checked against the whole vocabulary, not each an error


def test_no_kind_takes_the_kind_the_id_names(acme, capsys):
    code, err, _ = _validate(acme, capsys, "kind: social-media\n", "")
    assert code == 0 and "kind" not in err, err


def test_no_kind_and_an_id_that_names_none_is_an_error_naming_the_kinds(acme, capsys):
    path = acme / "organisations" / "acme" / "social-media.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("kind: social-media\n", ""), encoding="utf-8")
    path.rename(path.with_name("social-medai.yaml"))
    assert main(["--root", str(acme), "validate"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert re.search(
        r"^organisations/acme/social-medai\.yaml:1: kind: declares no kind and its id 'social-medai' names none: "
        r"add `kind:` with one of social-media, information-governance, .*, open-source \(did you mean 'social-media'\?\)$", err, re.M), err


def test_the_no_topic_warning_still_works_with_a_kind(acme, capsys):
    code, err, text = _validate(acme, capsys, "        topics: [scope]\n", "")
    assert code == 0
    assert re.search(rf"^{POLICY_FILE}:\d+: sections\[1\]\.blocks\[0\]: warning: 'scope-staff' has no topic$", err, re.M), err


def test_a_mistake_in_a_kinds_entry_is_one_line_against_the_entry_it_is(tmp_path, capsys):
    root = scratch_project(tmp_path, ORG, POLICY)
    path = root / "vocabulary" / "topics.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("      - id: retention-schedule\n        label:", "      - id: retention-schedule\n        labl:", 1)
    text = text.replace("      - information-assets\n", "      - Information Assets\n", 1)
    path.write_text(text, encoding="utf-8")
    assert main(["--root", str(root), "validate"]) == 1
    err = [line for line in capsys.readouterr().err.splitlines() if line.startswith("vocabulary/")]
    assert [re.sub(r"^vocabulary/topics\.yaml:\d+: kinds\[\d+\]\.topics\[\d+\]", "…", line) for line in err] == [
        "….label: required field is missing",
        "….labl: unknown key (did you mean 'label'?)",
        "…: 'Information Assets' is not a valid id: use lower-case letters, digits and single hyphens",
    ]
