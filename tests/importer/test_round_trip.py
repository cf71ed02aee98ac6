"""The import's own proof: every shipped policy, built as Word, imported back and rebuilt, keeps
its source's sentences (the fidelity seeds) and its section numbers and titles."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from conftest import SHIPPED_POLICIES
from docx_xml import _part, _parts, xml_text
from fidelity import fragments, html_text, missing_fragments
from policygen.cli import main
from round_trip import project_without, shipped_kind

COVERAGE = 0.99


def _headings(path: Path) -> list[tuple[str, str]]:
    """Every heading's style (its level) and text as Word shows it, its generated number included:
    the level too, so a heading that comes back at another depth fails."""
    return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs
            if p.style.name.startswith(("Heading", "Title"))]


def _docx_text(path: Path) -> str:
    """The body and the running headers and footers: where the original prints a sentence too."""
    parts = [_part(path, "word/document.xml"), *_parts(path, "word/header"), *_parts(path, "word/footer")]
    return "\n".join(xml_text(p) for p in parts)


@pytest.mark.parametrize("target", SHIPPED_POLICIES)
def test_a_built_docx_imports_back_to_the_same_policy(built, tmp_path, capsys, target):
    org, policy = target.split("/")
    root, seed = project_without(target, tmp_path)
    original = seed.output(built, "docx")

    assert main(["--root", str(root), "import", str(original), "--org", org, "--id", policy, "--kind", shipped_kind(target)]) == 0, capsys.readouterr()
    assert main(["--root", str(root), "build", target, "-f", "html", "-f", "docx", "--quiet"]) == 0, capsys.readouterr()

    total = len(fragments(seed))
    for fmt, text in (("html", html_text(seed.output(root, "html").read_text(encoding="utf-8"))),
                      ("docx", _docx_text(seed.output(root, "docx")))):
        missing = missing_fragments(seed, text)
        assert 1 - len(missing) / total >= COVERAGE, (fmt, missing)
    assert _headings(seed.output(root, "docx")) == _headings(original)
