"""The timeline API the library site uses: each version built with its statement, and its redline."""

from __future__ import annotations

import datetime as dt

from history_repo import acme_history  # noqa: F401  (the fixture)
from docx import Document
from pdf_text import pdf_text
from policygen.history.pages import version_pages
from policygen.project import Project


def test_each_version_has_its_page_and_redline(acme_history):
    project = Project(acme_history)
    target = project.targets(["acme/social-media"])[0]
    pages = version_pages(project, target, formats=("html", "pdf", "docx"), day=dt.date(2025, 2, 1))
    assert [(p.change.new.version, p.state) for p in pages] == [("1.0", "current"), ("2.0", "approved")]
    first, second = pages
    assert first.documents == ["build/acme/social-media.v1.0.html", "build/acme/social-media.v1.0.pdf", "build/acme/social-media.v1.0.docx"]
    html = (acme_history / first.documents[0]).read_text()
    assert "Version 1.0, in force from 1 February 2024 to 1 March 2025" in html
    assert "the trust&#39;s accounts" in html or "the trust's accounts" in html  # the corrected text
    pdf = " ".join(pdf_text(acme_history / second.documents[1]).split())
    assert "Version 2.0, approved 10 January 2025, in force from 1 March 2025" in pdf
    docx = [p.text for p in Document(str(acme_history / first.documents[2])).paragraphs]
    assert "Version 1.0, in force from 1 February 2024 to 1 March 2025" in docx
    assert first.change.redlines == [] and first.change.note == "a new policy: nothing to compare"
    assert second.change.redlines[0] == "build/acme/social-media.redline.v1.0-v2.0.html"
    assert (acme_history / second.change.redlines[0]).is_file()
    before = {p: (acme_history / p).read_bytes() for page in pages for p in page.documents + page.change.redlines}
    version_pages(project, target, formats=("html", "pdf", "docx"), day=dt.date(2031, 7, 9))  # another day: the same bytes
    assert {p: (acme_history / p).read_bytes() for p in before} == before
