"""A project to import into, shared by the import tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT


@pytest.fixture
def empty_project(tmp_path) -> Path:
    """A project with no organisations yet: the templates, vocabulary and schema only."""
    for name in ("templates", "vocabulary", "schema"):
        shutil.copytree(ROOT / name, tmp_path / name)
    (tmp_path / "organisations").mkdir()
    return tmp_path
