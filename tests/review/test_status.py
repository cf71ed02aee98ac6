"""`policygen status`: the register on the shipped data, in every output format."""

import csv
import io
import json

from conftest import ROOT
from policygen.cli import main


def _status(capsys, *extra):
    assert main(["--root", str(ROOT), "status", "--as-of", "2026-11-22", *extra]) == 0
    return capsys.readouterr().out


def test_register_states_on_the_shipped_data(capsys):
    data = json.loads(_status(capsys, "--format", "json"))
    by_org = {p["org"]: p for p in data["policies"]}
    assert by_org["cpss"]["state"] == "current" and by_org["cpss"]["next_review"] == "2027-03"
    assert by_org["swlccg"]["next_review"] == "2021-03-30" and by_org["swlccg"]["summary"] == "overdue by 5 years, 7 months and 23 days"
    assert by_org["lchs"]["next_review"] == "2023-03" and by_org["lchs"]["summary"] == "overdue by 3 years, 7 months and 22 days"
    assert by_org["eput"]["next_review"] == "2021-01" and by_org["eput"]["summary"] == "overdue by 5 years, 9 months and 22 days"
    assert by_org["eput"]["days"] == 2121  # the exact count stays in the data
    assert by_org["focus"]["state"] == "none" and by_org["focus"]["next_review"] is None
    assert by_org["strategy-unit"]["state"] == "none"  # its source states no review date
    assert by_org["gds"]["state"] == "none"  # nor does GDS's security notice
    assert by_org["opensafely"]["state"] == "none"  # nor OpenSAFELY's data access policy
    assert by_org["turing-way"]["state"] == "none"  # nor The Turing Way's code of conduct
    assert [p["org"] for p in data["policies"]] == [
        "eput", "swlccg", "lchs", "cpss", "focus", "gds", "opensafely", "strategy-unit", "turing-way",
    ]


def test_table_and_csv(capsys):
    table = _status(capsys)
    assert "overdue by 5 years, 9 months and 22 days" in table and "no review date" in table
    rows = list(csv.reader(io.StringIO(_status(capsys, "--format", "csv"))))
    assert rows[0][:3] == ["Organisation", "Policy", "Reference"]
    assert rows[1][0] == "EPUT" and rows[-1][-1] == "no review date"


def test_within_turns_current_into_due(capsys):
    data = json.loads(_status(capsys, "--format", "json", "--within", "200"))
    assert {p["org"]: p["summary"] for p in data["policies"]}["cpss"] == "due within 4 months and 9 days"


def test_register_page_lists_every_policy_with_links_to_each_format(built):
    import re

    page = (built / "build" / "index.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'lang="en-GB"' in page
    rows = re.findall(r"<tr>\s*<td>([^<]+)</td>", page)
    assert rows == [  # most urgent first, on any day
        "EPUT", "SWL CCG", "LCHS", "CPSS", "focus", "GDS", "OpenSAFELY", "Strategy Unit", "The Turing Way",
    ]
    links = re.findall(r'href="([a-z-]+/[a-z-]+\.[a-z]+)"', page)
    for link in links:
        assert (built / "build" / link).is_file(), link
    assert {link.rsplit(".", 1)[1] for link in links} >= {"html", "pdf"}
    assert 'data-due="2021-03-30"' in page and 'data-due="2027-03-31"' in page
    assert 'href="compare/social-media.html"' in page and (built / "build" / "compare" / "social-media.html").is_file()


def test_narrowed_build_leaves_the_register_alone(project, capsys):
    assert main(["--root", str(project), "build", "cpss", "-f", "html"]) == 0
    assert not (project / "build" / "index.html").exists()


def test_owner_and_approving_committee_columns(capsys):
    rows = list(csv.DictReader(io.StringIO(_status(capsys, "--format", "csv"))))
    lchs = next(r for r in rows if r["Organisation"] == "LCHS")
    assert lchs["Owner"] == "Communications Team" and lchs["Approved by"] == "Stakeholder Engagement and Involvement Group"
    eput = next(r for r in rows if r["Organisation"] == "EPUT")
    assert eput["Owner"] == "Executive Director of Corporate Governance & Strategy" and eput["Approved by"] == "EOSC"


def test_overdue_and_due_filters(capsys):
    overdue = json.loads(_status(capsys, "--format", "json", "--overdue"))["policies"]
    assert [p["org"] for p in overdue] == ["eput", "swlccg", "lchs"]
    due = json.loads(_status(capsys, "--format", "json", "--due", "--within", "200"))["policies"]
    assert [p["org"] for p in due] == ["eput", "swlccg", "lchs", "cpss"]


def test_fail_if_overdue_exits_non_zero_for_a_scheduled_job(capsys):
    assert main(["--root", str(ROOT), "status", "--as-of", "2026-11-22", "--fail-if-overdue"]) == 1
    assert "3 policies are overdue for review" in capsys.readouterr().err
    assert main(["--root", str(ROOT), "status", "cpss", "--as-of", "2026-11-22", "--fail-if-overdue"]) == 0


def test_spoken_spans():
    import datetime as dt

    from policygen.model.schedule import spoken_span

    day = dt.date.fromisoformat
    assert spoken_span(day("2026-01-31"), day("2026-02-28")) == "1 month"
    assert spoken_span(day("2025-01-01"), day("2026-01-02")) == "1 year and 1 day"
    assert spoken_span(day("2026-01-01"), day("2026-01-06")) == "5 days"
