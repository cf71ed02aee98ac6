"""The build cache and parallel builds: only what changed is rebuilt; failures stay local."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SHIPPED_POLICIES
from policygen.cli import main

FAST = ["-f", "html", "-f", "md"]  # the cache logic is the same for every format; these are quick


def _build(root: Path, capsys, *extra) -> tuple[int, list[str], str]:
    code = main(["--root", str(root), "build", *FAST, *extra])
    out = capsys.readouterr()
    return code, sorted(line.split()[1] for line in out.out.splitlines() if line.startswith("wrote")), out.err


def _rendered(err: str) -> int:
    return int(re.search(r"\((\d+) rendered\)", err)[1])


def _snapshot(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): p.stat().st_mtime_ns for p in (root / "build").rglob("*") if p.is_file()}


def test_nothing_changed_means_nothing_rendered_or_touched(project, capsys):
    _build(project, capsys)
    before = _snapshot(project)
    code, wrote, err = _build(project, capsys)
    assert code == 0 and wrote == [] and _rendered(err) == 0
    assert _snapshot(project) == before


def test_a_changed_policy_rebuilds_exactly_its_outputs_and_the_register(project, capsys):
    _build(project, capsys)
    path = project / "organisations" / "lchs" / "social-media.yaml"
    path.write_text(path.read_text().replace("Full review", "Full review.", 1))
    _, wrote, err = _build(project, capsys)
    assert _rendered(err) == 2
    # and the site's page of that policy (its version list, its downloads' sizes) and the search index
    pages = [w for w in wrote if not w.startswith("build/pagefind/")]
    outputs = ["build/lchs/social-media.html", "build/lchs/social-media.md", "build/lchs/social-media/index.html"]
    assert pages == ["build/index.html", *outputs] or pages == outputs


def test_a_changed_style_rebuilds_that_organisation(project, capsys):
    _build(project, capsys)
    path = project / "organisations" / "cpss" / "organisation.yaml"
    path.write_text(path.read_text().replace("style:", "style:\n  contents_title: Contents of this policy", 1))
    _, wrote, err = _build(project, capsys)
    assert _rendered(err) == 2 and "build/cpss/social-media.html" in wrote
    assert all("/cpss/" in w or w == "build/index.html" for w in wrote)


def test_a_changed_template_rebuilds_what_is_rendered_through_it(project, capsys):
    _build(project, capsys)
    path = project / "templates" / "html" / "blocks" / "end_marker.html.j2"
    path.write_text(path.read_text() + "\n")
    _, wrote, err = _build(project, capsys)
    assert _rendered(err) == len(SHIPPED_POLICIES)  # the HTML pages; the Markdown does not use templates
    assert wrote == ["build/eput/social-media.html"]  # only EPUT's page has an end marker


def test_a_changed_vocabulary_rebuilds_everything(project, capsys):
    _build(project, capsys)
    path = project / "vocabulary" / "topics.yaml"
    path.write_text(path.read_text() + "  - id: brand-new-topic\n    label: Brand new topic\n")
    _, _, err = _build(project, capsys)
    assert _rendered(err) == 2 * len(SHIPPED_POLICIES)


def test_a_deleted_or_edited_output_is_rebuilt(project, capsys):
    _build(project, capsys)
    (project / "build" / "focus" / "social-media.html").unlink()
    (project / "build" / "eput" / "social-media.md").write_text("tampered")
    _, wrote, _ = _build(project, capsys)
    assert wrote == ["build/eput/social-media.md", "build/focus/social-media.html"]


@pytest.mark.parametrize("garbage", ["{not json", '{"format": 99, "outputs": {}}', '{"format": 1, "outputs": {"x": 3}}', "[]"])
def test_a_corrupt_or_foreign_cache_means_a_full_rebuild_not_a_crash(project, capsys, garbage):
    _build(project, capsys)
    (project / "build" / ".policygen-cache.json").write_text(garbage)
    code, _, err = _build(project, capsys)
    assert code == 0 and _rendered(err) == 2 * len(SHIPPED_POLICIES)
    assert "Traceback" not in err
    code, _, err = _build(project, capsys)
    assert _rendered(err) == 0  # and the cache is good again


def test_force_renders_everything(project, capsys):
    _build(project, capsys)
    _, wrote, err = _build(project, capsys, "--force")
    assert _rendered(err) == 2 * len(SHIPPED_POLICIES) and wrote == []


def test_parallel_and_serial_builds_give_the_same_bytes(project, tmp_path, capsys):
    from conftest import copy_project

    other = copy_project(tmp_path / "serial")
    assert main(["--root", str(project), "build", *FAST, "--jobs", "2"]) == 0
    assert main(["--root", str(other), "build", *FAST, "--jobs", "1"]) == 0
    for path in (project / "build").rglob("*.*"):
        assert path.read_bytes() == (other / "build" / path.relative_to(project / "build")).read_bytes()


def test_one_failing_document_does_not_stop_the_others(project, capsys):
    broken = project / "organisations" / "focus" / "templates" / "html" / "blocks"
    broken.mkdir(parents=True)
    (broken / "title.html.j2").write_text("{{ doc.no_such_field }}")
    code, wrote, err = _build(project, capsys, "--jobs", "2")
    assert code == 1
    assert "focus/social-media: rendering failed: UndefinedError" in err and "Traceback" not in err
    assert "build/lchs/social-media.html" in wrote and not any("/focus/" in w for w in wrote)
    lines = [line for line in wrote if line.endswith(".html")]
    assert lines == sorted(lines)  # stable order


def _imported_by(args: list[str], packages: set[str]) -> list[str]:
    """Which of ``packages`` a fresh process imports to run ``policygen ARGS``."""
    script = (
        "import sys\n"
        "from policygen.cli import main\n"
        f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {packages!r}))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT).stdout
    return ast.literal_eval(out.strip().splitlines()[-1])


@pytest.mark.parametrize("command", [["--help"], ["validate"], ["status"], ["compare", "--format", "csv"]])
def test_commands_that_do_not_render_do_not_import_renderers(command):
    assert _imported_by(["--root", str(ROOT), *command], {"weasyprint", "docx"}) == []


def test_a_policy_with_errors_is_reported_and_the_others_still_build(project, capsys):
    path = project / "organisations" / "cpss" / "social-media.yaml"
    path.write_text(path.read_text().replace("title: Scope", "titel: Scope", 1))
    code, wrote, err = _build(project, capsys)
    assert code == 1
    assert re.search(r"organisations/cpss/social-media\.yaml:\d+: sections\[\d+\]\.titel: unknown key", err)
    assert "build/lchs/social-media.html" in wrote and not any("/cpss/" in w for w in wrote)
    # The register and comparison list the valid policies; the one with errors is left out until fixed.
    assert "build/index.html" in wrote and "build/compare/social-media.html" in wrote
    register = (project / "build" / "index.html").read_text(encoding="utf-8")
    assert "lchs/social-media.html" in register and "cpss/social-media.html" not in register


def test_a_build_with_nothing_to_do_reads_no_yaml_and_loads_no_models(project):
    """A no-op rebuild costs a tenth of a second: it digests files, and never imports the
    models (pydantic) or a YAML parser."""
    assert main(["--root", str(project), "build", "-q", "-f", "html"]) == 0
    assert _imported_by(["--root", str(project), "build", "-q", "-f", "html"], {"pydantic", "yaml", "ruamel"}) == []


def test_the_code_digest_reads_policygen_s_own_files_and_nothing_beside_them(monkeypatch):
    """What a new version of policygen changes: its package, not the folder it was installed from
    (a virtual environment or a checkout beside it would make every no-op build read thousands of files)."""
    from pathlib import Path

    import policygen
    from policygen import inputs

    read: list[Path] = []
    monkeypatch.setattr(inputs, "_digest_files", lambda paths, base, h: read.extend(paths))
    inputs.code_digest.__wrapped__()
    package = Path(policygen.__file__).resolve().parent
    assert read and all(p.resolve().is_relative_to(package) for p in read)
    assert package / "cli.py" in read
