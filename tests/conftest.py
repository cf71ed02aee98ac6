"""Shared fixtures: a built copy of the shipped project, and a scratch project."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from policygen.cli import main

ROOT = Path(__file__).resolve().parents[1]

# Every shipped policy as "org/policy-id": tests that count the project derive from it, so a new
# capture (issue 13) changes no count by hand.
SHIPPED_POLICIES = sorted(
    f"{path.parent.name}/{path.stem}"
    for path in (ROOT / "organisations").glob("*/*.yaml")
    if path.name != "organisation.yaml"
)


def copy_project(dest: Path) -> Path:
    """A throwaway copy of the project's data, templates, vocabulary and schema."""
    for name in ("organisations", "templates", "vocabulary", "schema"):
        shutil.copytree(ROOT / name, dest / name)
    return dest


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The shipped organisations, built once into a temporary project."""
    root = copy_project(tmp_path_factory.mktemp("shipped"))
    assert main(["--root", str(root), "build"]) == 0
    return root


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path)


ACME_ORG = """\
# yaml-language-server: $schema=../../schema/organisation.schema.json
id: acme
name: Acme Community Health NHS Trust
short_name: ACHT
referred_to_as: the trust
type: nhs-trust
"""


def scratch_project(root: Path, organisation: str, policy: str) -> Path:
    """A one-policy project (organisation 'acme', policy 'social-media') with the shipped templates."""
    for name in ("templates", "vocabulary"):
        shutil.copytree(ROOT / name, root / name)
    org = root / "organisations" / "acme"
    org.mkdir(parents=True)
    (org / "organisation.yaml").write_text(organisation, encoding="utf-8")
    (org / "social-media.yaml").write_text(policy, encoding="utf-8")
    return root
