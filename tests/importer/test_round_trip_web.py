"""policygen's own HTML and Markdown, imported back: every shipped policy keeps its source's
sentences (the fidelity seeds) and its section numbers and titles, as its Word output does
(test_round_trip.py), so a library published as web pages or Markdown can come home."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import SHIPPED_POLICIES
from fidelity import fragments, html_text, link_text, missing_fragments
from policygen.cli import main
from round_trip import project_without, shipped_kind

COVERAGE = 0.99


def headings(path: Path) -> list[str]:
    """Every heading of a built Markdown file, its generated number included."""
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]


@pytest.mark.parametrize("fmt", ["html", "md"])
@pytest.mark.parametrize("target", SHIPPED_POLICIES)
def test_built_html_and_markdown_import_back_to_the_same_policy(built, tmp_path, capsys, target, fmt):
    org, policy = target.split("/")
    root, seed = project_without(target, tmp_path)
    original = tmp_path / f"{policy}.{fmt}"  # imported from outside the project, as a user's download is
    shutil.copy(seed.output(built, fmt), original)

    assert main(["--root", str(root), "import", str(original), "--org", org, "--id", policy, "--kind", shipped_kind(target)]) == 0, capsys.readouterr()
    assert main(["--root", str(root), "build", target, "-f", "html", "-f", "md", "--quiet"]) == 0, capsys.readouterr()

    total = len(fragments(seed))
    for out, text in (("html", html_text(seed.output(root, "html").read_text(encoding="utf-8"))),
                      ("md", link_text(seed.output(root, "md").read_text(encoding="utf-8")))):
        missing = missing_fragments(seed, text)
        assert 1 - len(missing) / total >= COVERAGE, (out, missing)
    assert headings(seed.output(root, "md")) == headings(seed.output(built, "md"))
