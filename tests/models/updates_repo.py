"""A git repo of the models project for model updates: the model at 1.0 with both adopters at 1.0,
then the model at 2.0, which rewords a clause southbay replaced (a conflict for it), rewords one
both kept as model (clean) and adds one. Commits have fixed dates, so commit ids are stable."""

from __future__ import annotations

from pathlib import Path

import pytest

from history.history_repo import commit, edit, start
from models_project import write_models

MODEL_FILE = "organisations/model-nhs/social-media.yaml"
COMMENTED = "  # Agreed with the Patient Experience Team, March 2025.\n"

PERSONAL_2 = "Staff must not share confidential or personal information online."
CONCERNS_2 = "Concerns go to the {param:complaints-team}, who acknowledge them within two days and reply within {param:response-days} working days."
ACCESSIBLE = "Posts from official accounts meet the accessibility standard for public sector websites."


def model_at_two(root: Path) -> None:
    """The model's 2.0: personal reworded, concerns reworded, a new clause after personal."""
    path = root / MODEL_FILE
    edit(path, 'version: "1.0"', 'version: "2.0"')
    edit(path, "approved: {body: Model Policy Board, date: 2024-01-15}", "approved: {body: Model Policy Board, date: 2025-01-15}")
    edit(path, '"Staff must not share confidential information online."', f'"{PERSONAL_2}"')
    edit(path, '"Concerns go to the {param:complaints-team}, who reply within {param:response-days} working days."', f'"{CONCERNS_2}"')
    edit(path, '      - {id: concerns,', f'      - {{id: accessible, topics: [purpose], text: "{ACCESSIBLE}"}}\n      - {{id: concerns,')


@pytest.fixture
def updates_repo(tmp_path: Path) -> Path:
    root = write_models(tmp_path / "repo")
    edit(root / MODEL_FILE, 'version: "2.0"', 'version: "1.0"')
    edit(root / MODEL_FILE, "date: 2025-01-15", "date: 2024-01-15")
    for org in ("northfield", "southbay"):
        edit(root / f"organisations/{org}/social-media.yaml", 'version: "2.0"', 'version: "1.0"')
    edit(root / "organisations/southbay/social-media.yaml", "  replace:\n", "  replace:\n" + COMMENTED)
    start(root, "2024-01-20")
    model_at_two(root)
    commit(root, "model 2.0", "2025-01-20")
    return root
