"""Tables that real policies use: header rows and a header column, row groups under a heading,
cells of several paragraphs or a list, check boxes and column widths, in every format."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from acme import SMALL_POLICY_HEAD
from conftest import ACME_ORG, scratch_project
from pdf_text import needs_poppler, pdf_text
from policygen.cli import main
from policygen.compare import compare
from policygen.diff.changes import diff_views, items
from policygen.load.document import Loader
from policygen.model.content import Table
from policygen.validate.checked import load_and_check
from policygen.project import Project
from policygen.resolve import build_view
from policygen.resolve.tables import layout

ORG = ACME_ORG

POLICY = SMALL_POLICY_HEAD + """\
sections:
  - id: duties
    title: Duties
    blocks:
      - id: duty-table
        topics: [purpose]
        caption: Who does what
        header:
          - [Role, Duties, Trained]
          - [Who, What they do, Done]
        row_headers: true
        widths: [1, 3, 1]
        rows:
          - [Chief Executive, "Owns the policy.\\n\\nReports to the Board.", "[x]"]
        groups:
          - heading: Clinical staff
            rows:
              - [Nurses, "Must:\\n\\n- check posts\\n- report <b>concerns</b>", "[ ] by March"]
          - heading: Corporate staff
            rows:
              - [Communications, Run the accounts, "[X]"]
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = scratch_project(tmp_path_factory.mktemp("tables"), ORG, POLICY)
    assert main(["--root", str(root), "build"]) == 0
    return root / "build" / "acme"


def test_html_has_header_rows_groups_blocks_check_boxes_and_widths(built):
    html = (built / "social-media.html").read_text(encoding="utf-8")
    start = html.index('<table id="duty-table">')
    table = html[start:html.index("</table>", start)]
    assert "<caption>Who does what</caption>" in table
    assert '<colgroup><col style="width: 20.00%"><col style="width: 60.00%"><col style="width: 20.00%"></colgroup>' in table
    assert '<thead><tr><th scope="col">Role</th>' in table and '<tr><th scope="col">Who</th>' in table
    assert table.count("<tbody>") == 3  # the ungrouped rows, then one per group
    assert '<tr><th scope="rowgroup" colspan="3">Clinical staff</th></tr>' in table
    assert '<th scope="row">Chief Executive</th>' in table
    assert "<td><p>Owns the policy.</p>\n<p>Reports to the Board.</p>\n</td>" in table
    assert "<ul>\n<li>check posts</li>" in table
    assert "&lt;b&gt;concerns&lt;/b&gt;" in table  # policy text is data
    assert '<td><span class="check" role="img" aria-label="checked">☑</span></td>' in table
    assert '<span class="check" role="img" aria-label="not checked">☐</span> by March</td>' in table


@needs_poppler
def test_pdf_shows_every_part(built):
    text = " ".join(pdf_text(built / "social-media.pdf").split())
    for words in ("Who does what", "Role Duties Trained", "Who What they do Done", "Clinical staff",
                  "Corporate staff", "Owns the policy.", "Reports to the Board.", "check posts", "☑", "☐ by March"):
        assert words in text


def test_docx_has_repeating_header_rows_merged_group_rows_lists_and_widths(built):
    document = docx.Document(str(built / "social-media.docx"))
    table = next(t for t in document.tables if t.cell(0, 0).text == "Role")
    rows = table.rows
    assert [r._tr.trPr.find(qn("w:tblHeader")) is not None for r in rows] == [True, True, False, False, False, False, False]
    assert [c.text for c in rows[1].cells] == ["Who", "What they do", "Done"]
    assert [p.text for p in rows[2].cells[1].paragraphs] == ["Owns the policy.", "Reports to the Board."]
    assert rows[2].cells[2].text == "☑"
    group = rows[3]._tr.tc_lst
    assert len(group) == 1 and group[0].grid_span == 3 and rows[3].cells[0].text == "Clinical staff"
    items = rows[4].cells[1].paragraphs
    assert [p.text for p in items] == ["Must:", "check posts", "report <b>concerns</b>"]
    assert all(p._p.pPr.numPr is not None for p in items[1:])  # a real list, not typed bullets
    assert rows[4].cells[2].text == "☐ by March"
    assert rows[6].cells[2].text == "☑"
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert grid[1] == pytest.approx(3 * grid[0], abs=2) and grid[2] == grid[0]
    assert int(group[0].tcPr.find(qn("w:tcW")).get(qn("w:w"))) == pytest.approx(sum(grid), abs=2)


def test_markdown_keeps_the_rows_in_reading_order(built):
    md = (built / "social-media.md").read_text(encoding="utf-8")
    assert "| Role | Duties | Trained |" in md
    assert "| **Who** | **What they do** | **Done** |" in md
    assert "| **Clinical staff** |" in md
    assert "| Chief Executive | Owns the policy. Reports to the Board. | ☑ |" in md  # GFM cells are one line
    assert "| Nurses | Must: - check posts - report \\<b>concerns\\</b> | ☐ by March |" in md


def _validate(tmp_path: Path, policy: str, capsys) -> tuple[int, str]:
    root = scratch_project(tmp_path, ORG, policy)
    code = main(["--root", str(root), "validate", "--as-of", "2025-06-01"])
    return code, capsys.readouterr().err


def test_a_row_of_the_wrong_width_is_warned_about(tmp_path, capsys):
    policy = POLICY.replace("[Communications, Run the accounts, \"[X]\"]", "[Communications, Run the accounts]")
    code, err = _validate(tmp_path, policy, capsys)
    assert code == 0
    assert re.search(r"social-media\.yaml:\d+: sections\[0\]\.blocks\[0\]\.groups\[1\]\.rows\[0\]: warning: "
                     r"this row has 2 cell\(s\) but the header has 3 column\(s\)", err)
    assert err.count("this row has") == 1


HEADER = "header:\n          - [Role, Duties, Trained]\n          - [Who, What they do, Done]"
BODY = POLICY[POLICY.index("        rows:\n"):]


@pytest.mark.parametrize("change, line, message", [
    (("widths: [1, 3, 1]", "widths: [1, 3]"), 11, "sections[0].blocks[0]: widths: 2 widths for 3 columns"),
    (("widths: [1, 3, 1]", "widths: [1, 0, 1]"), 18, "sections[0].blocks[0].widths[1]: Input should be greater than 0"),
    ((HEADER, "header: [[Role, Duties, Trained], Who]"), 14,
     "sections[0].blocks[0].header: give one row of headings, [Role, Duties], or a list of rows, [[Role, Duties], [Who, What]]"),
    ((HEADER, "header: Role"), 14, "sections[0].blocks[0].header: give one row of headings"),
    ((BODY, "        groups: []\n"), 11, "sections[0].blocks[0]: a table needs rows or groups"),
    (("            rows:\n              - [Communications, Run the accounts, \"[X]\"]", "            rows: []"), 26,
     "sections[0].blocks[0].groups[1].rows: List should have at least 1 item after validation, not 0"),
])
def test_bad_tables_are_one_located_line(tmp_path, capsys, change, line, message):
    assert change[0] in POLICY
    code, err = _validate(tmp_path, POLICY.replace(*change), capsys)
    assert code == 1
    errors = [e for e in err.splitlines() if e.startswith("organisations/") and ": warning: " not in e]
    assert len(errors) == 1 and "Traceback" not in err, err
    assert errors[0].startswith(f"organisations/acme/social-media.yaml:{line}: {message}")
    assert not (tmp_path / "build").exists()


def _views(tmp_path: Path, *policies: str):
    """The view of each version of the policy, and the organisation's compare units of the last."""
    views, units = [], None
    for k, policy in enumerate(policies):
        root = scratch_project(tmp_path / str(k), ORG, policy)
        project = Project(root)
        checked = load_and_check(project, None)
        assert not checked.errors
        doc = checked.documents[0]
        views.append(build_view(doc.org.model, doc.model))
        units = compare(checked.documents, Loader(project).vocabulary()).orgs[0].units
    return views, units


def test_diff_and_comparison_read_every_cell_as_plain_text(tmp_path):
    (old, new), units = _views(tmp_path, POLICY, POLICY.replace("Run the accounts", "Runs the accounts"))
    text = next(u.text for u in units if u.id == "duty-table")
    assert text.splitlines() == [
        "Who does what", "Role | Duties | Trained", "Who | What they do | Done",
        "Chief Executive | Owns the policy. Reports to the Board. | [x]",
        "Clinical staff", "Nurses | Must: - check posts - report <b>concerns</b> | [ ] by March",
        "Corporate staff", "Communications | Runs the accounts | [X]",
    ]
    changes = diff_views(old, new).changes
    assert [(c.id, c.kind) for c in changes] == [("duty-table", "reworded")]
    assert "Corporate staff\n\nCommunications | Runs the accounts | [X]" in next(i.text for i in items(new) if i.id == "duty-table")


def test_the_comparison_page_shows_the_table_laid_out(built, capsys):
    root = built.parent.parent
    assert main(["--root", str(root), "compare", "social-media", "-f", "html"]) == 0
    page = capsys.readouterr().out
    assert '<tr><th scope="col">Who</th><th scope="col">What they do</th><th scope="col">Done</th></tr></thead>' in page
    assert '<tr><th scope="rowgroup" colspan="3">Corporate staff</th></tr>' in page
    assert "<td><p>Owns the policy.</p>\n<p>Reports to the Board.</p>\n</td>" in page
    assert '<span class="check" role="img" aria-label="not checked">☐</span> by March' in page


@pytest.mark.parametrize("source, check, text, blocks", [
    ("[x]", True, "", False),
    ("[ ] by March", False, "by March", False),
    ("[X]\n\n- a\n- b", True, "- a\n- b", True),
    ("[x](https://example.org) is a link", None, "[x](https://example.org) is a link", False),
    ("[x]done", None, "[x]done", False),
    ("one paragraph\nover two lines", None, "one paragraph\nover two lines", False),
])
def test_what_a_cell_is(source, check, text, blocks):
    cell = layout(Table(id="t", rows=[[source]])).rows[0][0]
    assert (cell.check, cell.text, cell.blocks) == (check, text, blocks)
