"""What every round-trip test starts from: a project holding one shipped organisation without the
policy about to be imported back, and the fidelity seed that measures the result."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from fidelity import SEED_LIST, Seed


def project_without(target: str, tmp_path: Path) -> tuple[Path, Seed]:
    """A scratch project with ``target``'s organisation (its house style, labels and pictures) but
    not the policy itself, and that policy's seed; skips a policy no seed measures."""
    org, policy = target.split("/")
    seed = next((s for s in SEED_LIST if (s.org, s.policy) == (org, policy)), None)
    if seed is None:
        pytest.skip(f"{target} has no fidelity seed to measure against")
    root = tmp_path / "project"
    for name in ("templates", "vocabulary", "schema"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copytree(ROOT / "organisations" / org, root / "organisations" / org)
    (root / "organisations" / org / f"{policy}.yaml").unlink()
    return root, seed


def shipped_kind(target: str) -> str:
    """The kind the shipped policy declares: a built document does not carry it, so the import is told."""
    org, policy = target.split("/")
    text = (ROOT / "organisations" / org / f"{policy}.yaml").read_text(encoding="utf-8")
    return re.search(r"^kind: (\S+)$", text, re.M)[1]
