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
    assert by_org["swlccg"]["next_review"] == "2021-03-30" and by_org["swlccg"]["summary"] == "overdue by 2063 days"
    assert by_org["lchs"]["next_review"] == "2023-03" and by_org["lchs"]["summary"] == "overdue by 1332 days"
    assert by_org["eput"]["next_review"] == "2021-01" and by_org["eput"]["summary"] == "overdue by 2121 days"
    assert by_org["focus"]["state"] == "none" and by_org["focus"]["next_review"] is None
    assert [p["org"] for p in data["policies"]] == ["eput", "swlccg", "lchs", "cpss", "focus"]


def test_table_and_csv(capsys):
    table = _status(capsys)
    assert "overdue by 2121 days" in table and "no review date" in table
    rows = list(csv.reader(io.StringIO(_status(capsys, "--format", "csv"))))
    assert rows[0][:3] == ["Organisation", "Policy", "Reference"]
    assert rows[1][0] == "EPUT" and rows[-1][-1] == "no review date"


def test_within_turns_current_into_due(capsys):
    data = json.loads(_status(capsys, "--format", "json", "--within", "200"))
    assert {p["org"]: p["summary"] for p in data["policies"]}["cpss"] == "due within 129 days"


def test_register_page_lists_every_policy_with_links_to_each_format(built):
    import re

    page = (built / "build" / "index.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'lang="en-GB"' in page
    rows = re.findall(r"<tr>\s*<td>([^<]+)</td>", page)
    assert rows == ["EPUT", "SWL CCG", "LCHS", "CPSS", "focus"]  # most urgent first, on any day
    links = re.findall(r'href="([a-z]+/social-media\.[a-z]+)"', page)
    for link in links:
        assert (built / "build" / link).is_file(), link
    assert {link.rsplit(".", 1)[1] for link in links} >= {"html", "pdf"}
    assert 'data-due="2021-03-30"' in page and 'data-due="2027-03-31"' in page
    assert 'href="compare/social-media.html"' in page and (built / "build" / "compare" / "social-media.html").is_file()


def test_narrowed_build_leaves_the_register_alone(project, capsys):
    assert main(["--root", str(project), "build", "cpss", "-f", "html"]) == 0
    assert not (project / "build" / "index.html").exists()
