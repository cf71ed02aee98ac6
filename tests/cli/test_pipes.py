"""Output piped to a reader that stops early (`| head`) ends quietly, as other Unix tools do."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT


@pytest.mark.parametrize("command", ["status", "compare social-media --no-page", "validate"])
def test_a_closed_pipe_prints_no_traceback(command):
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    # `true` reads nothing and exits at once, so every write policygen makes meets a closed pipe.
    run = subprocess.run(["bash", "-c", f"policygen --root {ROOT} {command} | true"], env=env, capture_output=True, text=True)
    assert "Traceback" not in run.stderr and "BrokenPipeError" not in run.stderr, run.stderr
