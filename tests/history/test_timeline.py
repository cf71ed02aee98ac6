"""A policy's versions from git: drafts are not versions, corrections stay in their version, effective dates count."""

from __future__ import annotations

import datetime as dt

from history_repo import acme_history  # noqa: F401  (the fixture)
from policygen.history import in_force, timeline
from policygen.project import Project

D = dt.date


def _timeline(root):
    project = Project(root)
    return timeline(project, project.targets(["acme/social-media"])[0])


def test_versions_are_the_approved_ones_with_their_dates(acme_history):
    spans = _timeline(acme_history)
    assert [s.version for s in spans] == ["1.0", "2.0"]
    first, second = spans
    assert len(first.commits) == 2  # the correction counts with 1.0; the 1.1 draft is not a version
    assert (str(first.effective), str(first.until), first.approved_by) == ("2024-02-01", "2025-03-01", "Policy Group")
    assert (str(second.approved), str(second.effective), second.until) == ("2025-01-10", "2025-03-01", None)
    assert second.approved_by == "Trust Board"
    assert second.summary == "Scope widened (2.1 reworded)"
    assert second.first.author == "Jo Bloggs"


def test_the_version_in_force_follows_effective_dates_not_commits(acme_history):
    spans = _timeline(acme_history)
    assert in_force(spans, D(2023, 12, 1)) is None
    assert in_force(spans, D(2024, 1, 20)) is None  # approved on 10 January, in force from 1 February
    assert in_force(spans, D(2025, 2, 1)).version == "1.0"  # 2.0 approved in January, in force from March
    assert in_force(spans, D(2025, 3, 1)).version == "2.0"
    assert spans[1].state(D(2025, 2, 1)) == "approved"
    assert spans[0].state(D(2025, 2, 1)) == "current" and spans[0].state(D(2025, 3, 1)) == "superseded"


def test_the_text_on_a_date_is_the_last_correction_made_by_then(acme_history):
    first = _timeline(acme_history)[0]
    assert first.commit_on(D(2024, 2, 15)) == first.commits[0]
    assert first.commit_on(D(2024, 4, 1)) == first.commits[1]
    assert first.commit_on(D(2024, 12, 1)) == first.commits[1]  # the draft after it changes nothing in force


def test_standing_says_from_and_to(acme_history):
    first, second = _timeline(acme_history)
    assert first.standing(D(2024, 4, 1), str) == "version 1.0, in force from 2024-02-01 to 2025-03-01"
    assert second.standing(D(2025, 2, 1), str) == "version 2.0, approved, in force from 2025-03-01"
    assert second.standing(D(2025, 6, 1), str) == "version 2.0, in force from 2025-03-01 (current)"


def test_a_policy_that_numbers_no_version_has_one_however_often_it_is_corrected(tmp_path):
    from acme import ORG, POLICY
    from conftest import scratch_project
    from history_repo import FILE, commit, edit, start

    unnumbered = POLICY.replace('  version: "1.0"\n', "").replace('version_history:\n  - version: "1.0"\n    date: 2024-02-01\n    description: New policy\n', "")
    root = scratch_project(tmp_path, ORG, unnumbered)
    start(root, "2024-01-10")
    edit(root / FILE, "runs our accounts", "runs the trust's accounts")
    commit(root, "a correction", "2024-03-05")
    (span,) = _timeline(root)
    assert (span.version, len(span.commits), span.until) == ("unnumbered", 2, None)


def test_facts_are_dates_alone_whatever_the_day(acme_history):
    first, second = _timeline(acme_history)
    assert first.facts(str) == "version 1.0, in force from 2024-02-01 to 2025-03-01"
    assert second.facts(str) == "version 2.0, approved 2025-01-10, in force from 2025-03-01"
