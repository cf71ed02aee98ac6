"""policygen review --effective: a version that comes into force after its approval."""

from __future__ import annotations

from acme import ORG, POLICY
from conftest import scratch_project
from policygen.cli import main

POLICY_FILE = "organisations/acme/social-media.yaml"
WITH_EFFECTIVE = POLICY.replace("  issued: 2024-02-01\n", "  issued: 2024-02-01\n  effective: 2024-02-01\n")


def _review(root, *args: str) -> str:
    assert main(["--root", str(root), "review", "acme/social-media", "--date", "2025-01-10", "--approved-by", "Trust Board", *args]) == 0
    return (root / POLICY_FILE).read_text()


def test_effective_is_recorded_when_given(tmp_path, capsys):
    scratch_project(tmp_path, ORG, POLICY)
    text = _review(tmp_path, "--effective", "2025-03-01")
    assert "  issued: 2025-01-10\n  effective: 2025-03-01\n" in text


def test_without_it_a_recorded_effective_date_follows_the_issue_date(tmp_path, capsys):
    scratch_project(tmp_path, ORG, WITH_EFFECTIVE)
    text = _review(tmp_path, "--issued", "2025-02-01")
    assert "  issued: 2025-02-01\n  effective: 2025-02-01\n" in text  # not left at the old version's 2024-02-01


def test_a_draft_leaves_the_dates_in_force(tmp_path, capsys):
    scratch_project(tmp_path, ORG, WITH_EFFECTIVE)
    assert main(["--root", str(tmp_path), "review", "acme/social-media", "--draft", "--date", "2025-01-10"]) == 0
    assert "  issued: 2024-02-01\n  effective: 2024-02-01\n" in (tmp_path / POLICY_FILE).read_text()
