"""Lints a reviewer would want: warnings by default, errors under --strict."""

from __future__ import annotations

from pathlib import Path


from conftest import scratch_project
from policygen.cli import main

ORG = """\
id: acme
name: Acme Integrated Care Board
short_name: Acme ICB
referred_to_as: the ICB
type: icb
roles:
  comms:
    title: Communications Lead
stale_terms:
  - term: CCG
    since: 2022-07-01
    use_instead: ICB
"""

POLICY = """\
id: social-media
document_control:
  title: Social Media Policy
  version: "2.0"
  approved:
    body: Board
    date: APPROVED
review:
  every: 3 years
  next_review: NEXT
version_history:
  - version: "1.0"
    date: 2021-01-01
  - version: "2.0"
    date: HISTORY2
sections:
  - id: intro
    title: Introduction
    blocks:
      - id: intro-text
        topics: [purpose]
        text: The CCG and its Communications Lead run the accounts; the Digital Engagement Manager helps, with the Equality and Diversity Lead.
      - id: untagged
        text: A clause with no topic.
  - id: empty
    title: Nothing here yet
"""


def _project(tmp_path: Path, approved="2023-05-01", nxt="2026-05-01", history2="2023-05-01") -> Path:
    return scratch_project(tmp_path, ORG, POLICY.replace("APPROVED", approved).replace("NEXT", nxt).replace("HISTORY2", history2))


def _validate(root: Path, capsys, *extra) -> tuple[int, str]:
    code = main(["--root", str(root), "validate", "--as-of", "2024-01-01", *extra])
    return code, capsys.readouterr().err


def test_lints_warn_without_failing(tmp_path, capsys):
    code, err = _validate(_project(tmp_path), capsys)
    assert code == 0
    assert "sections[0].blocks[0].text: warning: 'CCG' is out of date since 2022-07-01; use 'ICB'" in err
    assert "names the role 'Digital Engagement Manager', which is not in the role register" in err
    assert "names the role 'Equality and Diversity Lead'," in err  # the whole title, not 'Diversity Lead'
    assert "'Communications Lead'" not in err  # registered
    assert "sections[0].blocks[1]: warning: 'untagged' has no topic" in err
    assert "sections[1]: warning: section 'empty' is empty" in err
    assert "no Equality Impact Assessment" in err


def test_strict_turns_lints_into_errors(tmp_path, capsys):
    code, _ = _validate(_project(tmp_path), capsys, "--strict")
    assert code == 1


def test_stale_term_is_fine_in_a_policy_from_before_the_change(tmp_path, capsys):
    _, err = _validate(_project(tmp_path, approved="2021-01-01", nxt="2024-01-01", history2="2021-06-01"), capsys)
    assert "out of date" not in err


def test_fixed_date_contradicting_the_rule_and_history_out_of_order(tmp_path, capsys):
    _, err = _validate(_project(tmp_path, nxt="2025-05", history2="2020-06-01"), capsys)
    assert "review.next_review: warning: 2025-05 contradicts the rule (every 3 years gives 2026-05-01)" in err
    assert "version_history[1].date: warning: 2020-06-01 is earlier than the row before (2021-01-01)" in err


def test_passed_review_date(tmp_path, capsys):
    _, err = _validate(_project(tmp_path), capsys)
    assert "has passed" not in err
    code = main(["--root", str(tmp_path), "validate", "--as-of", "2026-06-01"])
    assert code == 0 and "review.next_review: warning: the review date 2026-05-01 has passed" in capsys.readouterr().err
