"""policygen search --as-at: the words of each policy as it stood on a date, not as it stands now."""

from __future__ import annotations

import json

from history_repo import acme_history  # noqa: F401  (the fixture)
from policygen.cli import main


def _search(root, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--root", str(root), "search", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_search_as_at_a_date_finds_the_words_in_force_then(acme_history, capsys):
    # 1.0 (corrected on 5 March 2024) was in force until 2.0 took effect on 1 March 2025
    code, out, _ = _search(acme_history, capsys, "trust's accounts", "--as-at", "2025-02-01", "-f", "json")
    assert code == 0
    hits = json.loads(out)["hits"]
    assert [h["policy"] for h in hits] == ["social-media"]
    assert (acme_history / "build/as-at/2025-02-01/search.sqlite").is_file()
    # before the correction the words were "our accounts"
    code, _, err = _search(acme_history, capsys, "trust's accounts", "--as-at", "2024-02-15")
    assert code == 1 and "no clause matches" in err
    assert _search(acme_history, capsys, "our accounts", "--as-at", "2024-02-15")[0] == 0


def test_the_draft_wording_is_never_in_force_and_2_0_is_only_from_its_effective_date(acme_history, capsys):
    assert _search(acme_history, capsys, "DRAFT WORDING", "--as-at", "2024-07-01")[0] == 1  # 1.1 stayed a draft
    assert _search(acme_history, capsys, '"every member of staff"', "--as-at", "2025-02-15")[0] == 1  # approved, not in force
    assert _search(acme_history, capsys, '"every member of staff"', "--as-at", "2025-03-15")[0] == 0


def test_a_date_before_the_policy_existed_says_so_on_one_line(acme_history, capsys):
    code, _, err = _search(acme_history, capsys, "accounts", "--as-at", "2023-06-01")
    assert code == 1
    assert "policygen search: acme/social-media: not searched as at 2023-06-01: did not exist yet" in err
    assert "Traceback" not in err


def test_as_at_outside_git_is_one_line(tmp_path, capsys):
    from acme import ORG, POLICY
    from conftest import scratch_project

    scratch_project(tmp_path, ORG, POLICY)
    code, _, err = _search(tmp_path, capsys, "accounts", "--as-at", "2025-01-01")
    assert code == 1 and len(err.strip().splitlines()) == 1 and "git" in err
