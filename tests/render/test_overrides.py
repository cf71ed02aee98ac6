"""An organisation can override any template for itself alone."""

from policygen.cli import main


def test_organisation_template_overrides_the_project_one(project, capsys):
    override = project / "organisations" / "focus" / "templates" / "html" / "blocks"
    override.mkdir(parents=True)
    (override / "title.html.j2").write_text("<header><h1>{{ doc.title }}</h1><p>Local banner</p></header>\n")
    assert main(["--root", str(project), "build", "--format", "html"]) == 0
    assert "Local banner" in (project / "build" / "focus" / "social-media.html").read_text()
    assert "Local banner" not in (project / "build" / "lchs" / "social-media.html").read_text()
