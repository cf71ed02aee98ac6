"""Recording a review of an adopting policy checks it written out from its model, and keeps its
``adopts`` differences as written: the adopter's document control is its own."""

from __future__ import annotations

from models_project import SOUTHBAY, write_models
from policygen.cli import main


def test_review_of_an_adopter(tmp_path, capsys):
    root = write_models(tmp_path)
    path = root / "organisations" / "southbay" / "social-media.yaml"
    assert main(["--root", str(root), "review", "southbay/social-media", "--minor", "--date", "2025-06-01", "--author", "A. Person"]) == 0
    text = path.read_text(encoding="utf-8")
    assert 'version: "1.1"' in text
    assert text[text.index("adopts:"):] == SOUTHBAY[SOUTHBAY.index("adopts:"):]
    capsys.readouterr()
    assert main(["--root", str(root), "drift", "southbay", "--format", "json"]) == 0
    assert '"status": "changed"' in capsys.readouterr().out
